"""Read YAML into plain values while keeping the source line of every path.

PyYAML's own loader forgets positions and silently keeps the last of duplicate keys; composing
the node tree ourselves gives line numbers for every error and catches duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from maatmonitor.core.instrument.errors import Problem

_MAX_NODES = 100_000  # guards against alias bombs
_MAX_DEPTH = 40


@dataclass
class YamlDocument:
    """Plain values of a YAML document with, per path, its 1-based line and raw scalar text."""

    data: object
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)


def join(path: str, key: str | int) -> str:
    """Extend a document path: `questions` + 3 -> `questions[3]`, + `route` -> `...route`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Walker:
    def __init__(self, loader: yaml.SafeLoader, source: str) -> None:
        self.loader = loader
        self.source = source
        self.doc = YamlDocument(data=None)
        self.problems: list[Problem] = []
        self.visited = 0

    def problem(self, path: str, message: str, node: yaml.Node) -> None:
        line = node.start_mark.line + 1
        self.problems.append(Problem(self.source, path, message, line))

    def walk(self, node: yaml.Node, path: str, depth: int) -> object:
        self.visited += 1
        if self.visited > _MAX_NODES or depth > _MAX_DEPTH:
            if self.visited == _MAX_NODES + 1 or depth == _MAX_DEPTH + 1:
                self.problem(path, "document is too large or too deeply nested", node)
            return None
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, join(path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.doc.raw[path] = str(node.value)
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(path, f"cannot read value: {getattr(exc, 'problem', exc)}", node)
            return None

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key: object = None
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # keys are names: keep their text (`no:` stays "no")
            if not isinstance(key, str) or not key:
                self.problem(path or "(top)", "keys must be plain names", key_node)
                continue
            child = join(path, key)
            if key in result:
                self.problem(child, f"duplicate key (first on line {first_line[key]})", key_node)
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.walk(value_node, child, depth + 1)
            self.doc.lines[child] = key_node.start_mark.line + 1
        return result


def read_yaml(text: str, source: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; syntax errors come back as problems with line and column."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(source, "", "the file is empty", None)]
        walker = _Walker(loader, source)
        walker.doc.data = walker.walk(node, "", 0)
        return walker.doc, walker.problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where, line = "", None
        if mark is not None:
            line = mark.line + 1
            where = f"line {line}, column {mark.column + 1}"
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark is not None:
            what += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        return None, [Problem(source, where, f"YAML syntax error: {what}", line)]
    except yaml.YAMLError as exc:
        return None, [Problem(source, "", f"YAML syntax error: {exc}", None)]
    finally:
        loader.dispose()
