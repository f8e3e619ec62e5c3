"""The package version, in a module of its own so that any module can read it without importing the
package root (which would load the public API and everything it pulls in)."""

__version__ = "0.1.0"
