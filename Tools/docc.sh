#!/usr/bin/env bash
# Builds the DocC documentation and fails on any DocC warning (an unresolved ``symbol`` link or
# <doc:article> link, a documented parameter that does not exist, an undocumented one beside
# documented ones). No package plugin and no new dependency: the symbol graphs come from
# swift-symbolgraph-extract, run on the modules a debug `swift build` already built (so after
# Tools/test-all.sh's build it compiles nothing), and the toolchain's own `docc convert` turns
# each catalog into an archive.
#
#   bash Tools/docc.sh          ->  .build/docc/<Module>.doccarchive for each module below
#
# The catalogs:
#   Strata         Sources/Strata/Strata.docc: the public API (public symbols), with the articles.
#                  The StrataCore types Strata re-exports by typealias (StrataError, SQLState,
#                  Value, SourceLocation) are documented as Strata's own, with all their members,
#                  as users see them: StrataCore's symbol graph is merged into Strata's in place of
#                  the typealiases (`merge` below). Without it, ``SQLState/objectInUse`` would not
#                  resolve, and the pages would show only `typealias SQLState = StrataCore.SQLState`.
#   StrataSQL, StrataCatalog   their module pages, over their `package` symbols.
# Not built: StrataCore and StrataStorage, whose `package` doc comments give some parameters and
# not others (DocC warns: Value+Conversions.swift's `format`, and three in StrataStorage).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(dirname "$(readlink -f "$(command -v swift)")")
docc=${DOCC:-$bin/docc}
extract=$bin/swift-symbolgraph-extract
triple=$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')

swift build --target Strata
build=$(swift build --show-bin-path)
graphs=.build/docc/symbol-graphs
rm -rf "$graphs"
mkdir -p "$graphs"

# The symbol graph of `module` (at `level` and above) in $graphs/<module>/.
extract() {
    local module=$1 level=$2
    mkdir -p "$graphs/$module"
    "$extract" -module-name "$module" -target "$triple" -I "$build/Modules" \
        -Xcc "-fmodule-map-file=$build/CStrataCRC.build/module.modulemap" -Xcc -I -Xcc Sources/CStrataCRC/include \
        -minimum-access-level "$level" -skip-inherited-docs -output-dir "$graphs/$module"
}

# Strata's graph with StrataCore's types in place of the typealiases that re-export them (see
# the header), and the members Strata adds to them (Strata@StrataCore) beside them.
merge() {
    python3 - "$graphs/Strata" "$graphs/StrataCore-for-Strata" <<'EOF'
import json, os, sys
strata_dir, core_dir = sys.argv[1], sys.argv[2]
def load(path):
    with open(path) as f:
        return json.load(f)
main = load(os.path.join(strata_dir, "Strata.symbols.json"))
core = load(os.path.join(core_dir, "StrataCore.symbols.json"))
aliases = {s["pathComponents"][0]: s["identifier"]["precise"]
           for s in main["symbols"] if s["kind"]["identifier"] == "swift.typealias" and len(s["pathComponents"]) == 1}
core_types = {s["pathComponents"][0] for s in core["symbols"] if len(s["pathComponents"]) == 1}
replaced = {aliases[name] for name in core_types & set(aliases)}
main["symbols"] = [s for s in main["symbols"] if s["identifier"]["precise"] not in replaced]
main["relationships"] = [r for r in main["relationships"] if r["source"] not in replaced and r["target"] not in replaced]
# Only the re-exported types and their members: anything else of StrataCore is not reachable
# through `import Strata`.
kept = [s for s in core["symbols"] if s["pathComponents"][0] in core_types & set(aliases)]
ids = {s["identifier"]["precise"] for s in kept}
main["symbols"] += kept
main["relationships"] += [r for r in core["relationships"] if r["source"] in ids]
extension = os.path.join(strata_dir, "Strata@StrataCore.symbols.json")
if os.path.exists(extension):
    ext = load(extension)
    known = {s["identifier"]["precise"] for s in main["symbols"]}
    main["symbols"] += [s for s in ext["symbols"] if s["identifier"]["precise"] not in known]
    main["relationships"] += ext["relationships"]
    os.remove(extension)
# Declarations that name an alias (`-> SQLState`) link to the type now documented instead.
text = json.dumps(main)
for name in core_types & set(aliases):
    core_id = next(s["identifier"]["precise"] for s in kept if s["pathComponents"] == [name])
    text = text.replace(json.dumps(aliases[name]), json.dumps(core_id))
with open(os.path.join(strata_dir, "Strata.symbols.json"), "w") as f:
    f.write(text)
EOF
}

# Converts Sources/<module>/<module>.docc with the graphs in $graphs/<module>/; any warning fails.
convert() {
    local module=$1
    rm -rf ".build/docc/$module.doccarchive"
    "$docc" convert "Sources/$module/$module.docc" --additional-symbol-graph-dir "$graphs/$module" \
        --output-path ".build/docc/$module.doccarchive" --warnings-as-errors
}

extract Strata public
mkdir -p "$graphs/StrataCore-for-Strata"
"$extract" -module-name StrataCore -target "$triple" -I "$build/Modules" -minimum-access-level public \
    -skip-inherited-docs -output-dir "$graphs/StrataCore-for-Strata"
merge
convert Strata

for module in StrataSQL StrataCatalog; do
    extract "$module" package
    convert "$module"
done
echo "docc: Strata, StrataSQL and StrataCatalog built without warnings into .build/docc/"
