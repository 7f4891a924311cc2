// Completeness: whether a text ends with a complete SQL statement, as sqlite3_complete decides
// it, so that a shell knows when to stop reading lines and run what it has.
//
// The text is complete when, leaving out trailing white space and comments, it ends with a `;`
// that ends a statement: not one inside a string, a quoted identifier ("x", [x], `x`), a blob
// or a comment, and not one between the BEGIN and END of a CREATE TRIGGER. Only the tokens the
// Lexer returns are looked at, with SQLite's state machine (complete.c): a `;` inside a
// trigger's body moves it to where an END then followed by `;` closes the trigger, so the END
// of a CASE expression (which never follows a `;` directly) is not taken for the trigger's.
// Text the Lexer cannot make a token of counts as an ordinary token (the statement is complete
// and wrong, for the parser to report); text that ends inside a string, identifier or comment
// is incomplete. Empty text, or only white space and comments, is incomplete.

/// Whether `sql` ends with a complete statement (see above; SQLite's sqlite3_complete).
package func isCompleteStatement(_ sql: String) -> Bool {
    var lexer = Lexer(Array(sql.utf8))
    var state = CompletenessState.start
    while true {
        let input: CompletenessState.Input
        do {
            let token = try lexer.next()
            if token.kind == .end { break }
            input = CompletenessState.Input(token)
        } catch {
            if lexer.endedInsideToken { return false }
            input = .other
        }
        state = state.after(input)
    }
    return state == .complete
}

/// sqlite3_complete's states; white space and comments never change them, so the Lexer's
/// skipping them changes nothing.
enum CompletenessState: Int {
    /// Nothing but white space and comments yet.
    case start
    /// After a `;` that ends a statement: the text so far is complete.
    case complete
    /// Inside an ordinary statement.
    case normal
    /// After EXPLAIN at the start of a statement (`EXPLAIN [QUERY PLAN] CREATE TRIGGER`).
    case explain
    /// After CREATE (and TEMP) at the start of a statement.
    case create
    /// Inside a CREATE TRIGGER, before a `;` of its body.
    case trigger
    /// After a `;` inside a CREATE TRIGGER.
    case triggerSemicolon
    /// After `; END` inside a CREATE TRIGGER: a `;` now ends it.
    case triggerEnd

    enum Input: Int {
        case semicolon, other, explain, create, temp, trigger, end

        init(_ token: Token) {
            switch token.kind {
            case .semicolon: self = .semicolon
            case .word:
                switch token.keyword {
                case .explain: self = .explain
                case .create: self = .create
                case .temp, .temporary: self = .temp
                case .trigger: self = .trigger
                case .end: self = .end
                default: self = .other
                }
            default: self = .other
            }
        }
    }

    /// complete.c's trans[][] without its white-space column.
    private static let transitions: [[CompletenessState]] = [
        // ;          other      EXPLAIN    CREATE     TEMP       TRIGGER    END
        [.complete, .normal, .explain, .create, .normal, .normal, .normal],                                   // start
        [.complete, .normal, .explain, .create, .normal, .normal, .normal],                                   // complete
        [.complete, .normal, .normal, .normal, .normal, .normal, .normal],                                    // normal
        [.complete, .explain, .normal, .create, .normal, .normal, .normal],                                   // explain
        [.complete, .normal, .normal, .normal, .create, .trigger, .normal],                                   // create
        [.triggerSemicolon, .trigger, .trigger, .trigger, .trigger, .trigger, .trigger],                      // trigger
        [.triggerSemicolon, .trigger, .trigger, .trigger, .trigger, .trigger, .triggerEnd],                   // triggerSemicolon
        [.complete, .trigger, .trigger, .trigger, .trigger, .trigger, .trigger],                              // triggerEnd
    ]

    func after(_ input: Input) -> CompletenessState {
        Self.transitions[rawValue][input.rawValue]
    }
}
