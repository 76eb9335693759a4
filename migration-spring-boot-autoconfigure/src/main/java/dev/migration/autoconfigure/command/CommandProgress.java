package dev.migration.autoconfigure.command;

import java.io.PrintStream;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.revision.Direction;

/**
 * Prints one line per migration as it completes during a command run:
 * {@code [12/300] 3f2a9c1b7d4e Add user profile fields  45 ms}, the duration as the engine
 * measured and logged it.
 */
final class CommandProgress implements MigrationListener {

	private PrintStream out;

	private int total;

	private int count;

	CommandProgress() {
		this.out = null;
	}

	/**
	 * Starts printing.
	 * @param out where to print
	 * @param total how many migrations are expected, or 0 when not known
	 */
	synchronized void start(PrintStream out, int total) {
		this.out = out;
		this.total = total;
		this.count = 0;
	}

	synchronized void stop() {
		this.out = null;
	}

	@Override
	public synchronized void afterMigration(MigrationInfo migration, AppliedMigration result) {
		if (this.out != null) {
			this.count++;
			this.out.println(position() + " " + result.revision() + " " + result.message() + "  "
					+ DurationFormat.format(result.duration()) + ((result.direction() == Direction.DOWNGRADE)
							? " (rolled back)" : ""));
			this.out.flush();
		}
	}

	@Override
	public synchronized void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
		if (this.out != null) {
			this.count++;
			this.out.println(position() + " " + migration.revision() + " " + migration.message() + "  FAILED");
			this.out.flush();
		}
	}

	private String position() {
		return "[" + this.count + ((this.total > 0) ? "/" + Math.max(this.total, this.count) : "") + "]";
	}

}
