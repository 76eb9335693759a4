package dev.migration;

import java.util.List;

/**
 * A migrate was refused because applied scripts were edited after they were applied
 * (with {@link MigrationConfiguration#validateOnMigrate()}). Nothing ran. The
 * message lists the scripts and the ways out, most advisable first: revert the edit and
 * put the change in a new revision; accept the edit with
 * {@link MigrationManager#repair repair(RepairAction.ACCEPT_CHECKSUM, ...)}, which the
 * history records; or, last, turn validate-on-migrate off.
 */
public class EditedScriptsException extends MigrationStateException {

	private static final long serialVersionUID = 1L;

	private final List<EditedScript> scripts;

	/**
	 * Creates an exception for the given scripts.
	 * @param scripts the edited scripts, at least one
	 */
	public EditedScriptsException(List<EditedScript> scripts) {
		super(Reason.EDITED, scripts.stream().map(EditedScript::revision).toList(), problem(scripts),
				problem(scripts) + "\n" + advice(scripts), null);
		this.scripts = List.copyOf(scripts);
	}

	private static String problem(List<EditedScript> scripts) {
		StringBuilder problem = new StringBuilder("Refusing to migrate: applied scripts were edited; nothing was run.");
		scripts.forEach((script) -> problem.append("\n  ").append(script.describe()));
		return problem.toString();
	}

	private static String advice(List<EditedScript> scripts) {
		return "Revert the edit and put the change in a new revision. If the edit is harmless (a comment, "
				+ "formatting), accept it with repair(RepairAction.ACCEPT_CHECKSUM, \"" + scripts.get(0).revision()
				+ "\", reason, confirm), which the history records. Last resort: validateOnMigrate(false) turns "
				+ "the check off for every script";
	}

	/**
	 * The edited scripts, in the order of the state table.
	 * @return the scripts, never empty
	 */
	public List<EditedScript> getScripts() {
		return this.scripts;
	}

}
