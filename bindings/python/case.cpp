// Python view of the case model: loading, building in code, node table, saving.
#include <map>

#include "bindings.hpp"
#include "corridor/io/encoding.hpp"
#include "corridor/io/formats.hpp"

namespace corridor::py {

namespace {

std::vector<std::string> column(const Case& c, std::string_view (Case::*get)(NodeId) const) {
  std::vector<std::string> out;
  out.reserve(c.num_nodes());
  for (NodeId v = 0; v < c.num_nodes(); ++v) out.emplace_back((c.*get)(v));
  return out;
}

pyb::dict info(const Case& c) {
  pyb::dict d;
  std::map<std::string, std::size_t> kinds, relations;
  for (NodeId v = 0; v < c.num_nodes(); ++v) ++kinds[std::string(to_string(c.kind(v)))];
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) ++relations[std::string(c.relation_name(e))];
  d["nodes"] = c.num_nodes();
  d["evidence"] = c.num_evidence();
  d["kinds"] = kinds;
  d["relations"] = relations;
  d["seeds"] = c.seeds().size();
  d["warnings"] = c.warning_count();
  return d;
}

}  // namespace

void bind_case(pyb::module_& m) {
  pyb::class_<Case>(m, "Case", "A frozen case: typed nodes and pieces of evidence. Immutable.")
      .def_property_readonly("num_nodes", &Case::num_nodes)
      .def_property_readonly("num_evidence", &Case::num_evidence)
      .def_property_readonly("ids", [](const Case& c) { return column(c, &Case::node_id); },
                             "node ids, in node order; every result array is aligned with it")
      .def_property_readonly("kinds", [](const Case& c) {
        std::vector<std::string> out;
        for (NodeId v = 0; v < c.num_nodes(); ++v) out.emplace_back(to_string(c.kind(v)));
        return out;
      }, "node kinds, aligned with ids")
      .def_property_readonly("labels", [](const Case& c) { return column(c, &Case::label); })
      .def_property_readonly("roles", [](const Case& c) { return column(c, &Case::role); })
      .def_property_readonly("countries", [](const Case& c) { return column(c, &Case::country); })
      .def_property_readonly("seeds", [](const Case& c) {
        std::vector<std::string> out;
        for (const auto& s : c.seeds()) out.emplace_back(c.node_id(s.node));
        return out;
      }, "ids of the case's seeds (from seeds.csv)")
      .def("index", [](const Case& c, const std::string& id) { return c.require(id); },
           "position of a node id in ids; raises corridor.Error when absent")
      .def("evidence", [](const Case& c) {
        pyb::dict d;
        std::vector<std::string> src, dst, rel, grade, time, ref;
        std::vector<double> weight, conf;
        std::vector<bool> directed;
        for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
          src.emplace_back(c.node_id(c.source(e)));
          dst.emplace_back(c.node_id(c.target(e)));
          rel.emplace_back(c.relation_name(e));
          directed.push_back(c.directed(e));
          weight.push_back(c.weight(e));
          conf.push_back(c.confidence(e));
          grade.push_back(c.grade(e).to_string());
          time.push_back(c.time(e).to_string());
          ref.emplace_back(c.source_ref(e));
        }
        d["source"] = src; d["target"] = dst; d["relation"] = rel; d["directed"] = directed; d["weight"] = weight;
        d["confidence"] = conf; d["grade"] = grade; d["time"] = time; d["source_ref"] = ref;
        return d;
      }, "the evidence table as a dict of columns (source, target, relation, directed (the relation's direction), "
         "weight, confidence, grade, time, source_ref)")
      .def("info", &info, "counts by kind and relation, seeds and warnings, as a dict")
      .def("save", [](const Case& c, const std::string& path) {
        pyb::gil_scoped_release release;
        save_case(c, path);
      }, pyb::arg("path"),
         "Save in the format the path names: a folder (CSV case), .corridor, .graphml, .gexf, .dot, .json. "
         "Writes a temporary file and renames it.")
      .def("__len__", &Case::num_nodes)
      .def("__repr__", [](const Case& c) {
        return "<corridor.Case " + std::to_string(c.num_nodes()) + " nodes, " +
               std::to_string(c.num_evidence()) + " pieces of evidence>";
      });

  m.def("load", [](const std::string& path, const std::string& encoding, const std::string& delimiter, bool strict,
                   bool normalize_ids) {
    ReadOptions o;
    o.encoding = parse_encoding(encoding);
    if (delimiter == "tab") o.delimiter = '\t';
    else if (delimiter.size() == 1) o.delimiter = delimiter[0];
    else throw ParamError("delimiter must be one character, or \"tab\"; got \"" + delimiter + "\"");
    o.strict = strict;
    o.normalize_ids = normalize_ids;
    pyb::gil_scoped_release release;
    return load_case(path, o);
  }, pyb::arg("path"), pyb::arg("encoding") = "utf-8", pyb::arg("delimiter") = ",", pyb::arg("strict") = false,
     pyb::arg("normalize_ids") = false,
     "Load a case folder (nodes.csv, edges.csv, ...), a .corridor snapshot or a .graphml file.\n"
     "encoding: utf-8 (checked), cp1252 or latin-1 (converted); delimiter: the CSV field separator (',', ';', "
     "'tab'); strict: warnings are errors; normalize_ids: ids read in Unicode NFC without zero-width characters "
     "and with odd spaces as plain spaces, as `--normalize-ids` (otherwise ids that only look alike are a "
     "warning).\n"
     "Raises corridor.Error with file, line and field on bad input.");

  pyb::class_<CaseBuilder>(m, "CaseBuilder", "Collects nodes and evidence; freeze() makes a Case.")
      .def(pyb::init<>())
      .def("add_node", [](CaseBuilder& b, const std::string& id, const std::string& kind, const std::string& label,
                          const std::string& role, const std::string& country,
                          std::optional<std::map<std::string, std::string>> attributes) {
        auto k = parse_node_kind(kind);
        if (!k) throw ParamError("unknown node kind \"" + kind + "\"; valid kinds: " + valid_node_kinds());
        NodeRecord r{id, *k, label, role, country, {}};
        if (attributes) r.attributes.assign(attributes->begin(), attributes->end());
        return b.add_node(r);
      }, pyb::arg("id"), pyb::arg("kind") = "person", pyb::arg("label") = "", pyb::arg("role") = "",
         pyb::arg("country") = "", pyb::arg("attributes") = pyb::none(),
         "Add a node; attributes are extra columns (name -> text). Returns its index.")
      .def("add_evidence", [](CaseBuilder& b, const std::string& source, const std::string& target,
                              const std::string& relation, double weight, std::optional<double> confidence,
                              const std::string& grade, const std::string& time, const std::string& source_ref,
                              std::optional<std::map<std::string, std::string>> attributes) {
        EvidenceRecord r;
        r.source = source; r.target = target; r.relation = relation; r.weight = weight;
        r.confidence = confidence; r.grade = grade; r.time = time; r.source_ref = source_ref;
        if (attributes) r.attributes.assign(attributes->begin(), attributes->end());
        return b.add_evidence(r);
      }, pyb::arg("source"), pyb::arg("target"), pyb::arg("relation"), pyb::arg("weight") = 1.0,
         pyb::arg("confidence") = pyb::none(), pyb::arg("grade") = "", pyb::arg("time") = "",
         pyb::arg("source_ref") = "", pyb::arg("attributes") = pyb::none(),
         "Add one piece of evidence; attributes are extra columns (name -> text). Returns its index.")
      .def("add_seed", [](CaseBuilder& b, const std::string& id, double confidence, const std::string& note) {
        b.add_seed(id, confidence, note);
      }, pyb::arg("id"), pyb::arg("confidence") = 1.0, pyb::arg("note") = "")
      .def("define_relation", [](CaseBuilder& b, const std::string& name, bool directed, double transmission,
                                 const std::string& volume) {
        std::optional<Volume> v;
        if (!volume.empty()) {
          v = parse_volume(volume);
          if (!v) throw ParamError("volume must be count, amount or ignore, got \"" + volume + "\"");
        }
        b.relations().define(name, directed, transmission, RelationClass::generic, v);
      }, pyb::arg("name"), pyb::arg("directed"), pyb::arg("transmission"), pyb::arg("volume") = "",
         "Adds or redefines a relation. volume: what an evidence weight counts (count, amount or ignore; "
         "'' keeps a built-in's kind, count for a new relation).")
      .def("freeze", [](CaseBuilder& b) { return std::move(b).freeze(); },
           "Freeze into an immutable Case; the builder is left empty.");
}

}  // namespace corridor::py
