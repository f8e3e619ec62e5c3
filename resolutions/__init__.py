"""The corpus registry shipped with mandiff: mandate chains, WPS resolutions, dates and official links.

The data lives in ``registry.toml`` beside this file (facts only, each entry marked verified or
not); ``mandiff.registry`` loads it once through ``importlib.resources``.
"""
