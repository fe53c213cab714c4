package sqlite

import "database/sql"

// SQLDB gives the external tests the pool, to look at what a connection keeps
// (its settings) and at stored rows as they are.
func (db *DB) SQLDB() *sql.DB { return db.db }
