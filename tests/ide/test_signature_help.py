"""Signature help (``flux_ls.ide.signature_help``) in parameter lists, patterns and flows,
also while the declaration being typed is broken."""

from __future__ import annotations

from ide_support import IMAGE_SERVER, ROOT

from flux_ls.analysis import analyze
from flux_ls.ide.signature_help import SignatureHelp, signature_help

IMAGE = IMAGE_SERVER.read_text(encoding="utf-8")


def help_at(text: str) -> SignatureHelp | None:
    """Signature help at the ``|`` in ``text`` (which is removed)."""
    data = text.encode()
    offset = data.index(b"|")
    return signature_help(analyze(data[:offset] + data[offset + 1:]), offset)


def edited(old: str, new: str) -> str:
    assert old in IMAGE
    return IMAGE.replace(old, new, 1)


def params(found: SignatureHelp) -> list[str]:
    sig = found.signatures[found.active_signature]
    return [sig.label[p.start:p.end] for p in sig.parameters]


def active(found: SignatureHelp) -> str | None:
    if found.active_parameter is None:
        return None
    names = params(found)
    return names[found.active_parameter] if found.active_parameter < len(names) else "<new>"


def test_in_the_inputs_of_a_signature() -> None:
    found = help_at(edited("ReadInFromDisk (int socket, bool close",
                           "ReadInFromDisk (int socket, bo|ol close"))
    assert found is not None
    sig = found.signatures[0]
    assert sig.label == ("ReadInFromDisk (int socket, bool close, image_tag *request) => "
                         "(int socket, bool close, image_tag *request, uint8_t *rgb)")
    assert active(found) == "bool close"
    # each parameter says what the neighbours give / expect there
    docs = [p.documentation for p in sig.parameters]
    assert docs[2] == "- `Handler` passes its input `image_tag *request`"
    assert docs[6] == "- `Compress` takes `uint8_t *rgb`"
    assert sig.documentation is not None and "output: `Compress` takes" in sig.documentation


def test_in_the_outputs_count_after_the_inputs() -> None:
    found = help_at(edited("=> (int socket, bool close, image_tag *request, uint8_t *rgb)",
                           "=> (int socket, bool close, image_tag *request, uint8_t *r|gb)"))
    assert found is not None and found.active_parameter == 6 and active(found) == "uint8_t *rgb"


def test_right_after_the_open_paren_and_at_the_close_paren() -> None:
    found = help_at("A (|int x, int y) => ();\n")
    assert found is not None and active(found) == "int x"
    found = help_at("A (int x, int y|) => ();\n")
    assert found is not None and active(found) == "int y"
    assert help_at("A (int x, int y)| => ();\n") is None
    assert help_at("A (int x) => ()|;\n") is None


def test_while_typing_a_new_signature() -> None:
    found = help_at("Listen () => (int socket);\nFoo (int a, |\nBar (int b) => ();\n")
    assert found is not None
    assert found.signatures[0].label == "Foo (int a) => (...)"
    assert active(found) == "<new>"  # the parameter being typed is not written yet
    found = help_at("Foo (int a) => (char *|")
    assert found is not None and found.signatures[0].label == "Foo (int a) => (char *)"
    assert active(found) == "char *"


def test_a_new_signature_learns_from_the_flows_that_use_it() -> None:
    text = ("Src () => (int fd, char *line);\nSink (int fd) => ();\n"
            "source Src => Serve;\nServe = Src2 -> Sink;\nSrc2 (|")
    found = help_at(text)
    assert found is not None
    assert found.signatures[0].documentation == "- output: `Sink` takes (int)"


def test_comments_and_non_ascii_before_the_cursor() -> None:
    found = help_at("/* é → ü */ A (int x, /* (, */ int y, |) => ();\n")
    assert found is not None and found.active_parameter == 2
    assert params(found) == ["int x", "int y"]


def test_in_a_pattern_the_active_parameter_is_the_tested_input() -> None:
    found = help_at(edited("Handler:[_, _, hit]", "Handler:[_, _, h|it]"))
    assert found is not None
    assert found.signatures[0].label.startswith("Handler (int socket, bool close, image_tag")
    assert active(found) == "image_tag *request"
    found = help_at(edited("Handler:[_, _, hit]", "Handler:[|_, _, hit]"))
    assert found is not None and active(found) == "int socket"


def test_on_a_flow_step_shows_that_node() -> None:
    for marked in ("-> Comp|ress ->", "-> |Compress ->", "-> Compress| ->"):
        found = help_at(edited("-> Compress ->", marked))
        assert found is not None
        sig = found.signatures[0]
        assert sig.label == ("Compress (int socket, bool close, image_tag *request, uint8_t *rgb)"
                             " => (int socket, bool close, image_tag *request)")
        assert found.active_parameter is None
        assert sig.documentation is not None and "Compresses the pixels" in sig.documentation


def test_after_an_arrow_shows_the_previous_step_and_what_comes_next() -> None:
    found = help_at(edited("ReadInFromDisk -> Compress ->", "ReadInFromDisk -> |"))
    assert found is not None
    sig = found.signatures[0]
    assert sig.label.startswith("ReadInFromDisk (")
    assert sig.documentation is not None
    assert "The next step must take (int, bool, image_tag *, uint8_t *)." in sig.documentation
    # an unknown name being typed: the same, the previous step
    found = help_at(edited("ReadInFromDisk -> Compress ->", "ReadInFromDisk -> Comp| ->"))
    assert found is not None and found.signatures[0].label.startswith("ReadInFromDisk (")


def test_right_after_equals_shows_the_flow_node() -> None:
    found = help_at(edited("Image = ReadRequest", "Image =| ReadRequest"))
    assert found is not None
    assert found.signatures[0].label == "Image (int socket) => ()"
    assert "first step takes this node's input" in (found.signatures[0].documentation or "")


def test_inferred_nodes_show_their_fields() -> None:
    deadlock = (ROOT / "examples" / "deadlock" / "deadlock.flux").read_text(encoding="utf-8")
    found = help_at(deadlock.replace("Serve = Route -> Reply;", "Serve = Rou|te -> Reply;"))
    assert found is not None
    assert found.signatures[0].label == ("Route (int socket, request *req) => "
                                         "(int socket, request *req)")


def test_nowhere_else() -> None:
    assert help_at("|") is None
    assert help_at("source Listen |=> Image;") is None
    assert help_at("typedef hit |Test;") is None
    assert help_at("atomic A:{x|};") is None
    assert help_at("handle error A => |H;") is None
    assert help_at(edited("Listen () => (int socket);", "Listen () => (int socket);|")) is None
    assert help_at("// A (int x, |\n") is None


def test_offsets_out_of_range_do_not_raise() -> None:
    analysis = analyze("A (int x, ")
    assert signature_help(analysis, -3) is None
    found = signature_help(analysis, 10_000)
    assert found is not None and found.signatures[0].label == "A (int x) => (...)"
