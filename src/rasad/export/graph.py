"""The meeting network (rasad.store.analysis.network) as GEXF 1.3 and GraphML, for Gephi and the like.

Nodes are actors (label: the English name; attributes type, country, degree); edges are undirected,
weighted by the meetings the two shared (a meeting several outlets reported counts once), with the first
and last meeting's dates and the number of meetings. Written with the standard library's ElementTree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_ATTRS = (("type", "string"), ("country", "string"), ("degree", "integer"))
EDGE_ATTRS = (("first", "string"), ("last", "string"), ("meetings", "integer"))
DESCRIPTION = "Who met whom: meetings (PLOVER CONSULT) found by Rasad in Persian and Arabic news"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _edge_values(edge: dict[str, Any]) -> dict[str, Any]:
    return {"first": edge.get("first"), "last": edge.get("last"), "meetings": len(edge.get("events", []))}


def gexf(net: dict[str, Any]) -> ET.ElementTree:
    ET.register_namespace("", GEXF_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "rasad"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = DESCRIPTION
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"mode": "static", "defaultedgetype": "undirected"})
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls})
        for name, kind in attrs:
            ET.SubElement(block, f"{{{GEXF_NS}}}attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for n in net["nodes"]:
        node = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": n["id"], "label": _text(n["label"] or n["id"])})
        values = ET.SubElement(node, f"{{{GEXF_NS}}}attvalues")
        for name, _ in NODE_ATTRS:
            if n.get(name) is not None:
                ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _text(n[name])})
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for i, e in enumerate(net["edges"]):
        edge = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", {"id": str(i), "source": e["source"], "target": e["target"], "weight": str(float(e["weight"]))})
        values = ET.SubElement(edge, f"{{{GEXF_NS}}}attvalues")
        for name, value in _edge_values(e).items():
            if value is not None:
                ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _text(value)})
    return ET.ElementTree(root)


def graphml(net: dict[str, Any]) -> ET.ElementTree:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    kinds = {"string": "string", "integer": "int"}
    ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"})
    for name, kind in NODE_ATTRS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": name, "for": "node", "attr.name": name, "attr.type": kinds[kind]})
    ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "double"})
    for name, kind in EDGE_ATTRS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kinds[kind]})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "meetings", "edgedefault": "undirected"})
    ET.SubElement(graph, f"{{{GRAPHML_NS}}}desc").text = DESCRIPTION
    for n in net["nodes"]:
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": n["id"]})
        ET.SubElement(node, f"{{{GRAPHML_NS}}}data", {"key": "label"}).text = _text(n["label"] or n["id"])
        for name, _ in NODE_ATTRS:
            if n.get(name) is not None:
                ET.SubElement(node, f"{{{GRAPHML_NS}}}data", {"key": name}).text = _text(n[name])
    for i, e in enumerate(net["edges"]):
        edge = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", {"id": f"e{i}", "source": e["source"], "target": e["target"]})
        ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", {"key": "weight"}).text = str(float(e["weight"]))
        for name, value in _edge_values(e).items():
            if value is not None:
                ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", {"key": name}).text = _text(value)
    return ET.ElementTree(root)


def write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
