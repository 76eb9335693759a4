package dev.migration;

/**
 * The kind of an entry in the append-only history log.
 */
public enum HistoryAction {

	/**
	 * A revision's upgrade ran.
	 */
	UPGRADE,

	/**
	 * A revision's downgrade ran.
	 */
	DOWNGRADE,

	/**
	 * The state was set to a revision without running anything.
	 */
	STAMP,

	/**
	 * An operator repaired the state by hand (marked a revision applied or rolled back,
	 * accepted a checksum, restored a snapshot); the message holds the reason.
	 */
	REPAIR,

	/**
	 * A {@code transactional: false} migration began. Its statements commit one by one,
	 * so a start that no later row of the same revision follows means the migration was
	 * interrupted part way (a crash, a killed process).
	 */
	START,

	/**
	 * A repeatable migration ran: new, or changed since it last ran. The checksum is
	 * the one it ran with.
	 */
	REAPPLY,

	/**
	 * A repeatable migration's downgrade ran, before a rollback removed a revision it
	 * depends on; it is applied again when the revision comes back.
	 */
	UNAPPLY

}
