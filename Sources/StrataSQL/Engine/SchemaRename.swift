// SchemaRename: rewrites the stored CREATE text of schema objects for ALTER TABLE ... RENAME TO
// and RENAME COLUMN, the way SQLite does it: the text is parsed again, names are resolved, and
// only the tokens that name the renamed table or column are replaced; spacing, comments and the
// case of everything else stay as written.
//
// Replacement (SQLite's renameEditSql): a renamed table is always written quoted ("t2"); a
// renamed column is written as given when the old token was a bare word and the new name was not
// quoted in the ALTER statement, else quoted.
//
// Name resolution follows SQLite's closely enough for schema objects: FROM sources (tables,
// views, subqueries, common table expressions) of each SELECT, outer queries for correlated
// subqueries, NEW and OLD (qualified only) in trigger bodies, explicit AS aliases in ORDER BY
// and GROUP BY. A reference that resolves to the renamed table (not through an alias or a view)
// is rewritten.

import StrataCatalog
import StrataCore

/// A statement's text cut into tokens, each with its line:column (as the Parser records them).
struct TokenizedText {
    let bytes: [UInt8]
    private(set) var tokens: [Token] = []
    private var byLocation: [SourceLocation: Int] = [:]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var lexer = Lexer(bytes)
        while true {
            guard let t = try? lexer.next(), t.kind != .end else { break }
            byLocation[lexer.location(of: t.start)] = tokens.count
            tokens.append(t)
        }
    }

    /// The token that starts at `location`.
    func index(at location: SourceLocation) -> Int? { byLocation[location] }

    func kind(_ i: Int) -> TokenKind { tokens.indices.contains(i) ? tokens[i].kind : .end }

    func keyword(_ i: Int) -> Keyword { tokens.indices.contains(i) ? tokens[i].keyword : .none }

    /// The raw text of token `i`.
    func text(_ i: Int) -> String {
        guard tokens.indices.contains(i) else { return "" }
        return String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self)
    }

    /// Whether token `i` can be a name: a word, a quoted identifier or a string.
    func isName(_ i: Int) -> Bool {
        switch kind(i) {
        case .word, .quotedIdentifier, .string: true
        default: false
        }
    }

    /// The name token `i` spells: quotes removed, doubled quotes undone (as the Parser does).
    func name(_ i: Int) -> String {
        guard tokens.indices.contains(i) else { return "" }
        let t = tokens[i]
        guard t.kind == .quotedIdentifier || t.kind == .string, t.end - t.start >= 2 else { return text(i) }
        let quote = bytes[t.start]
        let inner = bytes[(t.start + 1)..<(t.end - 1)]
        if quote == UInt8(ascii: "[") { return String(decoding: inner, as: UTF8.self) }
        var out: [UInt8] = []
        var skip = false
        for b in inner {
            if skip {
                skip = false
                continue
            }
            out.append(b)
            if b == quote { skip = true }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text with token `i` replaced by `edits[i]`, for every edit.
    func applying(_ edits: [Int: String]) -> String {
        guard !edits.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16 * edits.count)
        var at = 0
        for i in edits.keys.sorted() {
            let t = tokens[i]
            out.append(contentsOf: bytes[at..<t.start])
            out.append(contentsOf: edits[i]!.utf8)
            at = t.end
        }
        out.append(contentsOf: bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }
}

/// `"name"` with inner double quotes doubled (SQLite's `"%w"`).
func quotedIdentifier(_ name: String) -> String {
    "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}

/// What a rename changes.
enum RenameOperation {
    /// RENAME TO: the table's new name.
    case table(newName: String)
    /// RENAME COLUMN old TO new; `quoteNew` when the new name was quoted in the statement.
    case column(old: String, new: String, quoteNew: Bool)
    /// Nothing: only find out which objects refer to the table.
    case inspect
}

/// Finds the tokens of one object's text that name the table (or its column) being renamed.
final class RenameWalker {
    let catalog: Catalog
    let target: TableInfo
    let operation: RenameOperation
    let tokens: TokenizedText
    /// Token index -> replacement text.
    private(set) var edits: [Int: String] = [:]
    /// Some name of the text resolved to the target table (directly or through a view).
    private(set) var touchesTarget = false
    /// Column references that name no column (`x`, `t.x`, `new.x`), for checking a trigger.
    private(set) var missingColumns: [String] = []
    /// A double-quoted name that is no column is missing too, not a string (SQLite's check of the
    /// schema after RENAME COLUMN, ADD COLUMN and DROP COLUMN turns that fallback off).
    var strictQuotes = false
    private let viewDepth: Int

    init(catalog: Catalog, target: TableInfo, operation: RenameOperation, text: String, viewDepth: Int = 0) {
        self.catalog = catalog
        self.target = target
        self.operation = operation
        tokens = TokenizedText(text)
        self.viewDepth = viewDepth
    }

    /// A walker that records nothing (for a view's columns, whose locations are in another text).
    private func nested() -> RenameWalker {
        RenameWalker(catalog: catalog, target: target, operation: .inspect, text: "", viewDepth: viewDepth + 1)
    }

    var newText: String { tokens.applying(edits) }

    // MARK: scopes

    final class Scope {
        struct Source {
            /// The name a qualified reference uses: the alias, else the table's name.
            var name: String?
            var columns: [String]
            var isTarget: Bool
            /// `name` is the table's own name (no alias), so a qualifier names the table.
            var nameIsTable: Bool
            /// NEW and OLD: only `new.x` reaches them.
            var qualifiedOnly: Bool = false
            /// The columns could not be known (a table-valued function, a missing table): any name may be one.
            var columnsKnown: Bool = true
        }

        let parent: Scope?
        var sources: [Source] = []
        /// Common table expressions by lowercased name: their columns.
        var ctes: [String: [String]]
        /// The AS names of the SELECT this scope belongs to (SQLite lets WHERE and GROUP BY use them).
        var aliases: [String] = []

        init(parent: Scope?, ctes: [String: [String]]? = nil) {
            self.parent = parent
            self.ctes = ctes ?? parent?.ctes ?? [:]
        }
    }

    // MARK: edits

    private var isTableRename: Bool {
        if case .table = operation { return true }
        return false
    }

    private var renamedColumn: String? {
        if case .column(let old, _, _) = operation { return old }
        return nil
    }

    private func isTargetName(_ name: String) -> Bool { name.caseInsensitiveEquals(target.name) }

    /// Replaces token `i`, which names the table or the column being renamed.
    private func edit(_ i: Int?) {
        guard let i, tokens.isName(i) else { return }
        switch operation {
        case .table(let newName):
            edits[i] = quotedIdentifier(newName)
        case .column(_, let new, let quoteNew):
            edits[i] = (tokens.kind(i) == .word && !quoteNew) ? new : quotedIdentifier(new)
        case .inspect:
            break
        }
    }

    /// The token of the last name of a qualified name starting at `location` (`name` or
    /// `schema.name`).
    private func nameToken(_ q: QualifiedName) -> Int? {
        guard let i = tokens.index(at: q.location) else { return nil }
        return q.schema == nil ? i : i + 2
    }

    /// Renames the columns named in a parenthesized name list starting at token `open`.
    private func editNameList(from open: Int) {
        guard let old = renamedColumn, tokens.kind(open) == .leftParen else { return }
        var j = open + 1
        while j < tokens.tokens.count, tokens.kind(j) != .rightParen {
            if tokens.isName(j), tokens.name(j).caseInsensitiveEquals(old) { edit(j) }
            j += 1
        }
    }

    // MARK: objects

    /// A CREATE TABLE: the table's own name and columns when it is the target, and FOREIGN KEY
    /// references to the target in any table.
    func walkTable(_ s: CreateTableStatement) {
        if isTargetName(s.name.name) {
            touchesTarget = true
            if isTableRename { edit(nameToken(s.name)) }
            if case .definition(let def) = s.body {
                let scope = Scope(parent: nil)
                scope.sources = [Scope.Source(name: target.name, columns: target.columns.map(\.name), isTarget: true, nameIsTable: true)]
                for c in def.columns {
                    if let old = renamedColumn, c.name.caseInsensitiveEquals(old) { edit(tokens.index(at: c.location)) }
                    for k in c.constraints {
                        switch k.kind {
                        case .check(let e), .generated(let e, _): walkExpr(e, scope)
                        default: break
                        }
                    }
                }
                for k in def.constraints {
                    switch k.kind {
                    case .primaryKey(let cols, _, _), .unique(let cols, _):
                        for c in cols { walkExpr(c.expr, scope) }
                    case .check(let e): walkExpr(e, scope)
                    case .foreignKey: break
                    }
                }
                // FOREIGN KEY (child columns) of the table itself.
                if renamedColumn != nil {
                    for i in tokens.tokens.indices where tokens.keyword(i) == .foreign && tokens.keyword(i + 1) == .key {
                        editNameList(from: i + 2)
                    }
                }
            }
        }
        // REFERENCES parent [(columns)]
        for i in tokens.tokens.indices where tokens.keyword(i) == .references {
            guard tokens.isName(i + 1), isTargetName(tokens.name(i + 1)) else { continue }
            touchesTarget = true
            if isTableRename { edit(i + 1) }
            editNameList(from: i + 2)
        }
    }

    func walkIndex(_ s: CreateIndexStatement) {
        guard isTargetName(s.table) else { return }
        touchesTarget = true
        if isTableRename { edit(tokens.index(at: s.tableLocation)) }
        let scope = Scope(parent: nil)
        scope.sources = [Scope.Source(name: target.name, columns: target.columns.map(\.name), isTarget: true, nameIsTable: true)]
        for c in s.columns { walkExpr(c.expr, scope) }
        if let w = s.whereClause { walkExpr(w, scope) }
    }

    func walkView(_ s: CreateViewStatement) {
        _ = walkSelect(s.select, parent: nil)
    }

    func walkTrigger(_ s: CreateTriggerStatement) {
        let onTarget = isTargetName(s.table) && catalog.view(s.table) == nil
        var columns: [String] = []
        if onTarget {
            touchesTarget = true
            columns = target.columns.map(\.name)
            if let tableToken = tokens.index(at: s.tableLocation) {
                if isTableRename { edit(tableToken) }
                // UPDATE OF a, b ON t: the names between OF and ON.
                if case .update(let cols) = s.event, !cols.isEmpty, let old = renamedColumn {
                    var j = tableToken - 2
                    while j > 0, tokens.keyword(j) != .of {
                        if tokens.isName(j), tokens.name(j).caseInsensitiveEquals(old) { edit(j) }
                        j -= 1
                    }
                }
            }
        } else if let t = catalog.table(s.table) {
            columns = t.columns.map(\.name)
        } else if let v = catalog.view(s.table) {
            columns = viewColumns(v)
        }
        let scope = Scope(parent: nil)
        scope.sources = [
            Scope.Source(name: "new", columns: columns, isTarget: onTarget, nameIsTable: false, qualifiedOnly: true),
            Scope.Source(name: "old", columns: columns, isTarget: onTarget, nameIsTable: false, qualifiedOnly: true),
        ]
        if let w = s.when { walkExpr(w, scope) }
        for statement in s.body { walkStatement(statement, scope) }
    }

    // MARK: statements of a trigger body

    private func walkStatement(_ statement: SQLStatement, _ triggerScope: Scope) {
        switch statement {
        case .select(let s):
            _ = walkSelect(s, parent: triggerScope)
        case .insert(let s):
            let outer = Scope(parent: triggerScope, ctes: ctes(s.with, triggerScope))
            let isTarget = outer.ctes[s.table.name.lowercased()] == nil && isTargetName(s.table.name)
            if isTarget {
                touchesTarget = true
                if isTableRename { edit(nameToken(s.table)) }
                if s.columns != nil, renamedColumn != nil, let t = nameToken(s.table) {
                    var open = t + 1
                    if tokens.keyword(open) == .as { open += 2 }
                    editNameList(from: open)
                }
            }
            switch s.source {
            case .values(let rows):
                let scope = Scope(parent: outer)
                for r in rows { for e in r { walkExpr(e, scope) } }
            case .select(let select):
                _ = walkSelect(select, parent: outer)
            case .defaultValues:
                break
            }
        case .update(let s):
            let scope = Scope(parent: triggerScope, ctes: ctes(s.with, triggerScope))
            let isTarget = addTarget(s.table, alias: s.alias, to: scope)
            if isTarget, let old = renamedColumn {
                for a in s.assignments where a.columns.contains(where: { $0.caseInsensitiveEquals(old) }) {
                    guard let i = tokens.index(at: a.location) else { continue }
                    if a.columns.count == 1 && tokens.kind(i) != .leftParen { edit(i) } else { editNameList(from: i) }
                }
            }
            if let from = s.from { walkSource(from, scope) }
            for a in s.assignments { walkExpr(a.value, scope) }
            if let w = s.whereClause { walkExpr(w, scope) }
        case .delete(let s):
            let scope = Scope(parent: triggerScope, ctes: ctes(s.with, triggerScope))
            _ = addTarget(s.table, alias: s.alias, to: scope)
            if let w = s.whereClause { walkExpr(w, scope) }
        default:
            break
        }
    }

    /// The target table of UPDATE or DELETE as the scope's first source.
    private func addTarget(_ table: QualifiedName, alias: String?, to scope: Scope) -> Bool {
        let isTarget = isTargetName(table.name) && scope.ctes[table.name.lowercased()] == nil
        var columns: [String] = []
        if isTarget {
            touchesTarget = true
            if isTableRename { edit(nameToken(table)) }
            columns = target.columns.map(\.name)
        } else if let t = catalog.table(table.name) {
            columns = t.columns.map(\.name)
        }
        scope.sources.append(Scope.Source(name: alias ?? table.name, columns: columns, isTarget: isTarget, nameIsTable: alias == nil))
        return isTarget
    }

    private func ctes(_ with: WithClause?, _ parent: Scope?) -> [String: [String]] {
        let scope = Scope(parent: parent)
        guard let with else { return scope.ctes }
        for cte in with.tables {
            let key = cte.name.lowercased()
            if with.isRecursive { scope.ctes[key] = cte.columns }
            let names = walkSelect(cte.select, parent: scope)
            scope.ctes[key] = cte.columns.isEmpty ? names : cte.columns
        }
        return scope.ctes
    }

    // MARK: queries

    /// Walks a query; returns its column names.
    func walkSelect(_ s: SelectStatement, parent: Scope?) -> [String] {
        let cteMap = ctes(s.with, parent)
        let (names, firstScope, aliases) = walkCore(s.first, parent: parent, ctes: cteMap)
        for c in s.compounds { _ = walkCore(c.core, parent: parent, ctes: cteMap) }
        for term in s.orderBy {
            if isAlias(term.expr, aliases) { continue }
            walkExpr(term.expr, firstScope)
        }
        let limitScope = Scope(parent: parent, ctes: cteMap)
        if let l = s.limit { walkExpr(l, limitScope) }
        if let o = s.offset { walkExpr(o, limitScope) }
        return names
    }

    /// Whether `e` (possibly with COLLATE) is a bare name that is one of `aliases`.
    private func isAlias(_ e: Expr, _ aliases: [String]) -> Bool {
        var e = e
        if case .collate(let inner, _) = e { e = inner }
        guard case .column(let ref) = e, ref.table == nil else { return false }
        return aliases.contains { $0.caseInsensitiveEquals(ref.name) }
    }

    private func walkCore(_ core: SelectCore, parent: Scope?, ctes: [String: [String]]) -> ([String], Scope, [String]) {
        let scope = Scope(parent: parent, ctes: ctes)
        switch core {
        case .values(let rows):
            for r in rows { for e in r { walkExpr(e, scope) } }
            return ((0..<(rows.first?.count ?? 0)).map { "column\($0 + 1)" }, scope, [])
        case .select(let clause):
            if let from = clause.from { walkSource(from, scope) }
            var names: [String] = []
            var aliases: [String] = []
            for col in clause.columns {
                switch col {
                case .all:
                    for src in scope.sources where !src.qualifiedOnly { names.append(contentsOf: src.columns) }
                case .allFrom(let q):
                    if let src = scope.sources.first(where: { $0.name?.caseInsensitiveEquals(q.name) == true }) {
                        if src.isTarget {
                            touchesTarget = true
                            if isTableRename && src.nameIsTable { edit(nameToken(q)) }
                        }
                        names.append(contentsOf: src.columns)
                    }
                case .expression(let e, let alias, let text):
                    walkExpr(e, scope)
                    if let alias {
                        names.append(alias)
                        aliases.append(alias)
                    } else if case .column(let ref) = e {
                        names.append(ref.name)
                    } else {
                        names.append(text)
                    }
                }
            }
            scope.aliases = aliases
            if let w = clause.whereClause { walkExpr(w, scope) }
            for g in clause.groupBy where !(isAlias(g, aliases) && !resolves(g, scope)) { walkExpr(g, scope) }
            if let h = clause.having { walkExpr(h, scope) }
            return (names, scope, aliases)
        }
    }

    private func resolves(_ e: Expr, _ scope: Scope) -> Bool {
        guard case .column(let ref) = e else { return true }
        return scope.sources.contains { !$0.qualifiedOnly && $0.columns.contains { $0.caseInsensitiveEquals(ref.name) } }
    }

    private func walkSource(_ source: TableSource, _ scope: Scope) {
        switch source {
        case .table(let ref):
            let key = ref.name.name.lowercased()
            if ref.name.schema == nil, let cols = scope.ctes[key] {
                scope.sources.append(Scope.Source(name: ref.alias ?? ref.name.name, columns: cols, isTarget: false, nameIsTable: false))
            } else if let t = catalog.table(ref.name.name) {
                let isTarget = t.id == target.id
                if isTarget {
                    touchesTarget = true
                    if isTableRename { edit(nameToken(ref.name)) }
                }
                scope.sources.append(Scope.Source(name: ref.alias ?? ref.name.name, columns: t.columns.map(\.name), isTarget: isTarget,
                                                  nameIsTable: ref.alias == nil))
            } else if let v = catalog.view(ref.name.name) {
                scope.sources.append(Scope.Source(name: ref.alias ?? ref.name.name, columns: viewColumns(v), isTarget: false, nameIsTable: false))
            } else {
                scope.sources.append(Scope.Source(name: ref.alias ?? ref.name.name, columns: [], isTarget: false, nameIsTable: false,
                                                  columnsKnown: false))
            }
        case .subquery(let select, let alias):
            let names = walkSelect(select, parent: scope.parent)
            scope.sources.append(Scope.Source(name: alias, columns: names, isTarget: false, nameIsTable: false))
        case .function(let call, let alias):
            for a in call.arguments { walkExpr(a, scope) }
            scope.sources.append(Scope.Source(name: alias ?? call.name, columns: [], isTarget: false, nameIsTable: false,
                                              columnsKnown: false))
        case .join(let j):
            walkSource(j.left, scope)
            walkSource(j.right, scope)
            if case .on(let e)? = j.constraint { walkExpr(e, scope) }
        }
    }

    /// A view's column names (its own list, else those of its query).
    private func viewColumns(_ v: ViewInfo) -> [String] {
        guard viewDepth < 32 else { return v.columns ?? [] }
        let walker = nested()
        let names = walker.walkSelect(v.select, parent: nil)
        if walker.touchesTarget { touchesTarget = true }
        return v.columns ?? names
    }

    // MARK: expressions

    /// Resolves a column reference: rewrites it when it names the renamed table or column, and
    /// records it in `missingColumns` when it names no column at all.
    private func column(_ ref: ColumnReference, _ scope: Scope) {
        let isRowid = ["rowid", "oid", "_rowid_"].contains(ref.name.lowercased())
        var current: Scope? = scope
        while let s = current {
            let found: Scope.Source?
            if let table = ref.table {
                found = s.sources.first { $0.name?.caseInsensitiveEquals(table) == true }
            } else {
                found = s.sources.first { !$0.qualifiedOnly && $0.columns.contains { $0.caseInsensitiveEquals(ref.name) } }
                if found == nil && s.sources.contains(where: { !$0.columnsKnown && !$0.qualifiedOnly }) { return }
            }
            if let src = found {
                if let table = ref.table, src.columnsKnown, !isRowid, !src.columns.contains(where: { $0.caseInsensitiveEquals(ref.name) }) {
                    missingColumns.append("\(table).\(ref.name)")
                }
                guard src.isTarget else { return }
                touchesTarget = true
                guard let first = tokens.index(at: ref.location) else { return }
                switch operation {
                case .table:
                    if ref.table != nil && src.nameIsTable { edit(ref.schema == nil ? first : first + 2) }
                case .column(let old, _, _):
                    if ref.name.caseInsensitiveEquals(old) {
                        edit(ref.table == nil ? first : ref.schema == nil ? first + 2 : first + 4)
                    }
                case .inspect:
                    break
                }
                return
            }
            if ref.table == nil && s.aliases.contains(where: { $0.caseInsensitiveEquals(ref.name) }) { return }
            current = s.parent
        }
        // A double-quoted name that is no column is a string, as in SQLite.
        if ref.table == nil && ((ref.isDoubleQuoted && !strictQuotes) || isRowid) { return }
        missingColumns.append(ref.table.map { "\($0).\(ref.name)" } ?? ref.name)
    }

    func walkExpr(_ e: Expr, _ scope: Scope) {
        switch e {
        case .literal, .currentTime, .parameter, .raise:
            break
        case .column(let ref):
            column(ref, scope)
        case .unary(_, let x), .collate(let x, _), .isNull(let x, _), .cast(let x, _):
            walkExpr(x, scope)
        case .binary(_, let a, let b):
            walkExpr(a, scope)
            walkExpr(b, scope)
        case .like(let l):
            walkExpr(l.value, scope)
            walkExpr(l.pattern, scope)
            if let esc = l.escape { walkExpr(esc, scope) }
        case .between(let x, let low, let high, _):
            walkExpr(x, scope)
            walkExpr(low, scope)
            walkExpr(high, scope)
        case .inList(let x, let list, _):
            walkExpr(x, scope)
            for y in list { walkExpr(y, scope) }
        case .inSelect(let x, let select, _):
            walkExpr(x, scope)
            _ = walkSelect(select, parent: scope)
        case .inTable(let x, let q, _):
            walkExpr(x, scope)
            if q.schema != nil || scope.ctes[q.name.lowercased()] == nil, isTargetName(q.name) {
                touchesTarget = true
                if isTableRename { edit(nameToken(q)) }
            }
        case .caseWhen(let c):
            if let base = c.base { walkExpr(base, scope) }
            for b in c.branches {
                walkExpr(b.when, scope)
                walkExpr(b.then, scope)
            }
            if let x = c.elseValue { walkExpr(x, scope) }
        case .exists(let select), .subquery(let select):
            _ = walkSelect(select, parent: scope)
        case .function(let f):
            for a in f.arguments { walkExpr(a, scope) }
            for t in f.orderBy { walkExpr(t.expr, scope) }
            if let filter = f.filter { walkExpr(filter, scope) }
        case .row(let items):
            for x in items { walkExpr(x, scope) }
        }
    }
}
