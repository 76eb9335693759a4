package dev.migration;

/**
 * The audited ways out when something went wrong outside the engine's control.
 */
public enum RepairAction {

	/**
	 * Records a revision as applied without running it (its parents must be applied).
	 */
	MARK_APPLIED,

	/**
	 * Records a revision as rolled back without running its downgrade (nothing applied
	 * may depend on it).
	 */
	MARK_ROLLED_BACK,

	/**
	 * Accepts the current checksum of an edited applied script.
	 */
	ACCEPT_CHECKSUM

}
