package dev.migration;

/**
 * A revision script is malformed: a bad header, a missing or repeated section, a
 * statement that cannot run where it stands. The message starts with
 * {@code file:line:} so editors and terminals can jump to it.
 */
public class ScriptException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final String file;

	private final int line;

	public ScriptException(String file, int line, String problem) {
		super(file + ((line > 0) ? ":" + line : "") + ": " + problem);
		this.file = file;
		this.line = line;
	}

	/**
	 * The script at fault, as its location describes it.
	 * @return the file
	 */
	public String getFile() {
		return this.file;
	}

	/**
	 * The 1-based line at fault, or 0 when the problem concerns the whole file.
	 * @return the line
	 */
	public int getLine() {
		return this.line;
	}

}
