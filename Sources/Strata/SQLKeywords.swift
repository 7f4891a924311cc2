// The SQL keywords Strata's parser knows, for tools that complete or highlight SQL (the shell's
// tab completion).

import StrataSQL

public enum SQLKeywords {
    /// Every keyword, upper case, in alphabetical order.
    public static let all: [String] = Keyword.allCases.filter { $0 != .none }.map(\.spelling).sorted()
}
