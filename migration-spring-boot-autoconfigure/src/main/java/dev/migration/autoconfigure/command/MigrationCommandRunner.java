package dev.migration.autoconfigure.command;

import java.util.function.IntConsumer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;

/**
 * Runs the command given on the command line, before any other runner, then exits
 * with its code.
 */
final class MigrationCommandRunner implements ApplicationRunner, ExitCodeGenerator, Ordered {

	private final MigrationCommands commands;

	private final IntConsumer exit;

	private volatile int exitCode;

	/**
	 * Creates a runner.
	 * @param commands the commands
	 * @param exit what to do with the exit code once the command ran: the
	 * auto-configuration closes the context and exits the JVM
	 */
	MigrationCommandRunner(MigrationCommands commands, IntConsumer exit) {
		this.commands = commands;
		this.exit = exit;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = this.commands.execute(args.getSourceArgs());
		this.exit.accept(this.exitCode);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
