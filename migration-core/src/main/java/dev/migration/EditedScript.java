package dev.migration;

/**
 * An applied revision whose script was edited after it was applied: the checksum the
 * history recorded differs from the script's checksum now.
 *
 * @param revision the revision id
 * @param path where its script lives
 * @param appliedChecksum the checksum recorded when it was applied
 * @param currentChecksum the checksum of the script now
 */
public record EditedScript(String revision, String path, String appliedChecksum, String currentChecksum) {

	/**
	 * One line naming the revision, its script and both checksums.
	 * @return the description
	 */
	public String describe() {
		return "Revision " + this.revision + " (" + this.path + ") was edited after it was applied: checksum "
				+ this.appliedChecksum + " when applied, " + this.currentChecksum + " now";
	}

}
