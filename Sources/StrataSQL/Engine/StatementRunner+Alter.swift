// ALTER TABLE: RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN.

import StrataCatalog
import StrataCore

extension StatementRunner {
    func alterTable(_ s: AlterTableStatement) throws(StrataError) {
        throw StrataError(.syntaxError, "ALTER TABLE is not supported yet")
    }
}
