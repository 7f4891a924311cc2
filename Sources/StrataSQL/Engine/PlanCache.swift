// PlanCache: one connection's plans of top-level SELECTs, so that a statement run again (a
// prepared Statement, or the same text) is not bound, planned and compiled again.
//
// A plan is keyed by the statement's text and the version of the committed catalog it was
// planned against (`SQLEngine.committedCatalog`, bumped by every commit that changes the schema);
// a transaction that has changed the schema itself neither reads nor fills the cache. A plan
// that holds a value fixed at planning (CURRENT_TIMESTAMP) is never stored. What an execution
// caches inside a plan (uncorrelated subquery results, index maps) is tagged with the
// execution's number (`ExecutionSession.generation`), so a reused plan starts afresh.
//
// A connection is used by one thread at a time, so the cache needs no lock.

final class PlanCache {
    /// The most plans kept; when full, the cache starts over (statements run in a loop are few).
    static let capacity = 64

    private var plans: [String: (catalogVersion: UInt64, plan: QueryPlan)] = [:]

    func plan(for text: String, catalogVersion: UInt64) -> QueryPlan? {
        guard let entry = plans[text], entry.catalogVersion == catalogVersion else { return nil }
        return entry.plan
    }

    func store(_ plan: QueryPlan, for text: String, catalogVersion: UInt64) {
        if plans.count >= Self.capacity, plans[text] == nil { plans.removeAll(keepingCapacity: true) }
        plans[text] = (catalogVersion, plan)
    }
}
