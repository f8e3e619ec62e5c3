"""The model's frozen dataclasses get equality, hashing and repr from ``model._Record`` instead of
generated methods (start-up time): they must mean exactly what ``dataclass(frozen=True)`` generates.

Each model class is compared with its twin built by ``dataclass(frozen=True)`` from the same fields, on
every model object of a real comparison (two corpus renewals) and on pairs that differ in one field."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from mandiff import model, model_comparison
from mandiff.compare import compare
from mandiff.pipeline import parse_path
from mandiff.tag import tag

from conftest import corpus_file

CLASSES = (model.Notice, model.Tag, model.Paragraph, model.Resolution, model_comparison.Edit, model_comparison.Pair,
           model_comparison.Dropped, model_comparison.Added, model_comparison.WpsScore, model_comparison.Summary,
           model_comparison.Comparison)


def twin(cls):
    """``cls`` as ``dataclass(frozen=True)`` alone would make it: same fields, generated methods."""
    specs = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                                compare=f.compare, repr=f.repr, hash=f.hash))
             for f in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
    made.__qualname__ = cls.__qualname__
    return made


def as_twin(obj, twins):
    """The same values in the twin class (model objects inside are converted too)."""
    def convert(value):
        if type(value) in twins:
            return as_twin(value, twins)
        if isinstance(value, tuple):
            return tuple(convert(v) for v in value)
        return value

    made = twins[type(obj)]
    return made(**{f.name: convert(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init})


def model_objects(value, out: list) -> list:
    """Every model object reachable from ``value``."""
    if type(value) in CLASSES:
        out.append(value)
        for f in dataclasses.fields(value):
            model_objects(getattr(value, f.name), out)
    elif isinstance(value, tuple):
        for v in value:
            model_objects(v, out)
    return out


def changed(value):
    """Another value of the same kind (so that ``__post_init__`` still runs): one field changed."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, tuple):
        return () if value else ("changed",)
    if isinstance(value, dict):
        return {"x": 1}
    return "changed" if value != "changed" else "other"


@pytest.fixture(scope="module")
def comparison():
    """Two resolutions on Bosnia and Herzegovina with WPS language (women, rape), tagged, and their comparison."""
    old = tag(parse_path(str(corpus_file("0798_1992"))))
    new = tag(parse_path(str(corpus_file("0820_1993"))))
    return (compare(old, new), old, new)


def test_every_class_is_still_a_frozen_dataclass():
    for cls in CLASSES:
        assert dataclasses.is_dataclass(cls), cls
        assert cls.__dataclass_params__.frozen, cls
        instance = cls(**{f.name: () for f in dataclasses.fields(cls) if f.init and f.default is dataclasses.MISSING
                          and f.default_factory is dataclasses.MISSING})
        with pytest.raises(dataclasses.FrozenInstanceError):
            instance.some_field = 1
        first = dataclasses.fields(cls)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(instance, first)


def test_equality_hash_and_repr_mean_what_dataclass_generates(comparison):
    twins = {cls: twin(cls) for cls in CLASSES}
    objects = model_objects(comparison, [])
    counts = {cls.__name__: sum(type(o) is cls for o in objects) for cls in CLASSES}
    assert all(counts[name] for name in ("Tag", "Paragraph", "Resolution", "Edit", "Pair", "Summary", "Comparison")), counts
    for obj in objects:
        ref = as_twin(obj, twins)
        assert repr(obj) == repr(ref)
        assert hash(obj) == hash(ref)
    # equality, on pairs of objects of one class, some equal and some not, in both directions
    by_class: dict = {}
    for obj in objects:
        by_class.setdefault(type(obj), []).append(obj)
    checked = 0
    for cls, objs in by_class.items():
        for a, b in itertools.islice(itertools.product(objs[:40], objs[:40]), 400):
            assert (a == b) == (as_twin(a, twins) == as_twin(b, twins))
            assert (a != b) == (as_twin(a, twins) != as_twin(b, twins))
            checked += 1
    assert checked > 500  # the pairs really compared (some equal: each object with itself)


def test_each_compared_field_takes_part_and_the_others_do_not(comparison):
    """Changing any one field changes equality exactly when the field is compared, as generated."""
    twins = {cls: twin(cls) for cls in CLASSES}
    samples = {type(o): o for o in model_objects(comparison, [])}
    for cls, obj in samples.items():
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            other = dataclasses.replace(obj, **{f.name: changed(getattr(obj, f.name))})
            assert (obj == other) == (as_twin(obj, twins) == as_twin(other, twins)), (cls.__name__, f.name)
            assert (obj == other) is (not f.compare), (cls.__name__, f.name)
    # another class with the same values is never equal (NotImplemented both ways)
    assert model.Notice("order", "x") != model_comparison.Dropped("order", "x")
    assert model.Notice("order", "x") == model.Notice("order", "x")
    assert hash(model.Notice("order", "x")) == hash(("order", "x"))
    assert hash(model_comparison.Edit("=", "a")) == hash(("=", "a"))


@pytest.mark.parametrize("names", [(), ("only",), ("first", "second")])
def test_records_of_any_number_of_fields(names):
    """One field or none: compared and hashed as a tuple, as the generated methods do."""
    cls = model.record(type("Made", (model._Record,), {"__annotations__": {n: "str" for n in names},
                                                          "__module__": __name__, "__doc__": "A record."}))
    ref = dataclasses.make_dataclass("Made", list(names), frozen=True)
    values = {n: f"v-{n}" for n in names}
    assert repr(cls(**values)) == repr(ref(**values))
    assert hash(cls(**values)) == hash(ref(**values)) == hash(tuple(values.values()))
    assert cls(**values) == cls(**values)
    if names:
        assert cls(**values) != cls(**{**values, names[0]: "other"})
