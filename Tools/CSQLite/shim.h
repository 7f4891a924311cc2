// The system SQLite (Debian libsqlite3-dev): strata-bench's reference engine, comparison only.
#include <sqlite3.h>
