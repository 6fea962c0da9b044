"""Call hierarchy as data flow (``flux_ls.ide.callhierarchy``): incoming calls are the nodes
that feed a node, outgoing calls the nodes it feeds, with the ranges of the arrows/uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from ide_support import EXAMPLES, image_server

from flux_ls.analysis import Analysis, analyze
from flux_ls.ide.callhierarchy import (
    Call,
    CallItem,
    incoming_calls,
    outgoing_calls,
    prepare_call_hierarchy,
)
from flux_ls.ide.index import Symbol, index


@pytest.fixture(scope="module")
def image() -> Analysis:
    return image_server("img.flux")


def summary(analysis: Analysis, calls: tuple[Call, ...]) -> list[tuple[str, str, str]]:
    """(other node, site kind, text of the range) for every site."""
    return [(c.item.name, s.kind, analysis.data[s.start:s.end].decode())
            for c in calls for s in c.sites]


def first(analysis: Analysis, kind: str, name: str) -> int:
    return index(analysis).of(Symbol(kind, name))[0].start  # type: ignore[arg-type]


def test_prepare_on_a_node_use(image: Analysis) -> None:
    use = index(image).uses(Symbol("node", "Handler"))[0]
    (item,) = prepare_call_hierarchy(image, use.start + 2)
    sig = image.semantics.nodes["Handler"].signature
    assert sig is not None
    assert item == CallItem("Handler", "abstract", "img.flux", sig.span.start, sig.span.end,
                            sig.name.span.start, sig.name.span.end,
                            "(int, bool, image_tag *) => (int, bool, image_tag *)")


def test_prepare_off_a_node_gives_nothing(image: Analysis) -> None:
    assert prepare_call_hierarchy(image, first(image, "constraint", "cache")) == ()
    assert prepare_call_hierarchy(image, first(image, "predicate_type", "hit")) == ()
    assert prepare_call_hierarchy(image, 0) == ()


@pytest.mark.parametrize("calls, node, expected", [
    # incoming: the nodes that feed it
    (incoming_calls, "Handler", [("CheckCache", "flow", "CheckCache -> Handler"),
                                 ("StoreInCache", "leave", "StoreInCache")]),
    (incoming_calls, "Compress", [("ReadInFromDisk", "flow", "ReadInFromDisk -> Compress")]),
    (incoming_calls, "ReadRequest", [("Image", "enter", "ReadRequest")]),
    (incoming_calls, "Listen", []),
    # outgoing: the nodes it feeds
    (outgoing_calls, "Handler", [("Write", "flow", "Handler -> Write"),
                                 ("ReadInFromDisk", "enter", "ReadInFromDisk")]),
    (outgoing_calls, "Listen", [("Image", "source", "Listen => Image")]),
    (outgoing_calls, "Complete", [("Image", "leave", "Complete")]),
], ids=lambda v: v.__name__ if callable(v) else v if isinstance(v, str) else None)
def test_incoming_feed_it_and_outgoing_it_feeds(
        image: Analysis, calls: Callable[[Analysis, str], tuple[Call, ...]], node: str,
        expected: list[tuple[str, str, str]]) -> None:
    assert summary(image, calls(image, node)) == expected


def test_sites_carry_the_types_that_flow(image: Analysis) -> None:
    (call,) = incoming_calls(image, "Compress")
    assert call.sites[0].types == ("int", "bool", "image_tag *", "uint8_t *")
    assert call.sites[0].detail == "ReadInFromDisk → Compress (int, bool, image_tag *, uint8_t *)"
    (source,) = outgoing_calls(image, "Listen")
    assert source.sites[0].types == ("int",)
    assert source.item.kind == "abstract" and source.item.name == "Image"


def test_one_call_per_other_node_with_every_site() -> None:
    text = ("A () => (int x);\nB (int x) => (int x);\nC (int x) => ();\n"
            "P = A -> B -> C;\nQ = B -> C;\nR:[_] = B -> C;\nR:[_] = C;\n")
    analysis = analyze(text)
    (call,) = incoming_calls(analysis, "C")[:1]
    assert call.item.name == "B"
    assert [analysis.data[s.start:s.end].decode() for s in call.sites] == ["B -> C"] * 3
    assert sorted(c.item.name for c in incoming_calls(analysis, "C")) == ["B", "R"]


def test_undefined_nodes_take_part_as_unknown_items() -> None:
    text = "A () => (int x);\nF = A -> Ghost;\n"
    analysis = analyze(text, "g.flux")
    (call,) = outgoing_calls(analysis, "A")
    ghost = text.index("Ghost")
    assert call.item == CallItem("Ghost", "unknown", "g.flux", ghost, ghost + 5, ghost,
                                 ghost + 5, "undefined node")
    assert [c.item.name for c in incoming_calls(analysis, "Ghost")] == ["A"]
    assert [c.item.name for c in outgoing_calls(analysis, "Ghost")] == ["F"]


def test_broken_file_does_not_raise() -> None:
    analysis = analyze("A () => (int x);\nF = A -> ;\nG = F -> ")
    assert [c.item.name for c in incoming_calls(analysis, "F")] == ["A"]
    assert outgoing_calls(analysis, "Nothing") == ()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_incoming_and_outgoing_agree(path: Path) -> None:
    """Every site seen from the feeder is seen, identical, from the node it feeds."""
    analysis = analyze(path.read_bytes(), str(path))
    names = [s.name for s in index(analysis).symbols("node")]
    outgoing = {(s.feeder, s.fed, s.start, s.kind)
                for n in names for c in outgoing_calls(analysis, n) for s in c.sites}
    incoming = {(s.feeder, s.fed, s.start, s.kind)
                for n in names for c in incoming_calls(analysis, n) for s in c.sites}
    assert outgoing == incoming and outgoing
    for n in names:
        for call in incoming_calls(analysis, n):
            assert all(s.fed == n and s.feeder == call.item.name for s in call.sites)
