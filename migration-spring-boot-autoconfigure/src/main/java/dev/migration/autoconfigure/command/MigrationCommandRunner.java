package dev.migration.autoconfigure.command;

import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;

/**
 * Runs the command given on the command line, before any other runner, then exits
 * with its code.
 */
final class MigrationCommandRunner implements ApplicationRunner, ExitCodeGenerator, Ordered {

	private final ToIntFunction<String[]> commands;

	private final IntConsumer exit;

	private volatile int exitCode;

	/**
	 * Creates a runner.
	 * @param commands the commands
	 * @param exit what to do with the exit code once the command ran: the
	 * auto-configuration closes the context and exits the JVM
	 */
	MigrationCommandRunner(MigrationCommands commands, IntConsumer exit) {
		this.commands = commands::execute;
		this.exit = exit;
	}

	/**
	 * Creates the runner of an application that migrates several databases.
	 * @param commands the commands of every instance
	 * @param exit what to do with the exit code once the command ran
	 */
	MigrationCommandRunner(InstanceCommands commands, IntConsumer exit) {
		this.commands = commands::execute;
		this.exit = exit;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = this.commands.applyAsInt(args.getSourceArgs());
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
