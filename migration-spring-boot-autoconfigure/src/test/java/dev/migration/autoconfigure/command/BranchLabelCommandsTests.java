package dev.migration.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for branch labels on the command line, on DuckDB: {@code create --branch-label}
 * and {@code --head billing@head}, {@code migrate} and {@code rollback} per branch,
 * labels in {@code heads}, {@code status}, {@code show} and {@code graph}, and
 * {@code verify --single-head} failing on two heads with the merge to write. The
 * scripts {@code create} writes are loaded beside {@code a1 <- a2}.
 */
class BranchLabelCommandsTests {

	private Path directory;

	private CommandLine commandLine;

	@BeforeEach
	void createCommandLine() throws IOException {
		this.directory = Files.createTempDirectory("branch-labels");
		this.commandLine = new CommandLine(this.directory, null, true);
	}

	@AfterEach
	void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

	@Test
	void createStartsABranchFromBaseAndTheBranchHeadTakesTheNextRevision() throws IOException {
		CommandLine.Run root = run("create", "Billing root", "--branch-label", "billing");
		String b1 = created(root);
		assertThat(root.out()).contains("(Billing root) after base")
			.contains("starts branch billing: add to it with 'migration create \"...\" --head billing@head'");
		assertThat(Files.readString(script(b1))).contains("-- branch_labels: billing\n");
		String b2 = created(run("create", "Invoices", "--head", "billing@head"));
		assertThat(Files.readString(script(b2))).contains("-- down_revision: " + b1 + "\n");
		CommandLine.Run heads = run("heads");
		assertThat(heads.out()).containsPattern("a2\\s+\\(head\\) Add email to users")
			.containsPattern(b2 + "\\s+\\(head\\) \\(billing\\) Invoices");
		assertThat(run("heads", "--json").out()).contains("\"heads\" : [ \"" + String.join("\", \"", heads()) + "\" ]")
			.contains("\"" + b2 + "\" : [ \"billing\" ]", "\"a2\" : [ ]");
		CommandLine.Run show = run("show", "billing@head");
		assertThat(show.out()).containsPattern("Revision:\\s+" + b2).containsPattern("Branches:\\s+billing\n");
	}

	@Test
	void createStartsABranchFromAnotherRevisionWithATemplate() throws IOException {
		String r1 = created(run("create", "Reports", "--branch-label", "reports", "--head", "a1", "--template",
				"create_table", "--param", "table=reports", "--column", "id bigint pk"));
		assertThat(Files.readString(script(r1))).contains("-- down_revision: a1\n", "-- branch_labels: reports\n")
			.containsIgnoringCase("CREATE TABLE reports");
	}

	@Test
	void eachBranchMigratesAndRollsBackOnItsOwn() {
		String b1 = created(run("create", "Invoices", "--branch-label", "billing", "--template", "create_table",
				"--param", "table=invoices", "--column", "id bigint pk"));
		String b2 = created(run("create", "Payments", "--head", "billing@head", "--template", "create_table",
				"--param", "table=payments", "--column", "id bigint pk"));
		CommandLine.Run migrate = run("migrate", "billing@+1");
		assertThat(migrate.exitCode()).as(migrate.err()).isZero();
		assertThat(run("current").out()).containsPattern(b1 + "\\s+\\(billing\\) Invoices");
		assertThat(run("migrate", "billing@head").exitCode()).isZero();
		assertThat(run("migrate", "--revision", "a1").exitCode()).isZero();
		CommandLine.Run status = run("status");
		assertThat(status.out()).containsPattern("Branch billing:\\s+head " + b2 + ", current " + b2 + "\n")
			.containsPattern("Current:\\s+(a1, " + b2 + "|" + b2 + ", a1)\n");
		assertThat(run("status", "--json").out()).contains("\"branches\" : [ {", "\"label\" : \"billing\"",
				"\"base\" : \"" + b1 + "\"");
		CommandLine.Run back = run("rollback", "billing@-1");
		assertThat(back.exitCode()).as(back.err()).isZero();
		assertThat(this.commandLine.manager().currentRevisions()).containsExactlyInAnyOrder("a1", b1);
		assertThat(run("rollback", "--revision", "billing@base").exitCode()).isZero();
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a1");
		assertThat(run("status").out()).containsPattern("Branch billing:\\s+head " + b2 + ", not applied\n");
	}

	@Test
	void verifySingleHeadFailsOnTwoHeadsNamingThemAndTheMergeToWrite() {
		String b1 = created(run("create", "Billing root", "--branch-label", "billing"));
		assertThat(run("migrate", "heads").exitCode()).isZero();
		CommandLine.Run verify = run("verify");
		assertThat(verify.exitCode()).as(verify.out()).isZero();
		CommandLine.Run singleHead = run("verify", "--single-head");
		assertThat(singleHead.exitCode()).isEqualTo(1);
		List<String> heads = heads();
		assertThat(heads).containsExactlyInAnyOrder("a2", b1);
		String named = String.join(", ", heads).replace(b1, b1 + " (billing)");
		assertThat(singleHead.out()).contains("MULTIPLE_HEADS", "The scripts have 2 heads: " + named + "; join them")
			.contains("Join the 2 heads (" + String.join(", ", heads) + ") in a merge revision:\n"
					+ "    migration merge \"Merge heads\" " + String.join(" ", heads) + "\n");
		assertThat(singleHead.err()).isEqualTo("Verification failed\n");
		assertThat(run("verify", "--single-head", "--json").out()).contains("\"ok\" : false",
				"\"kind\" : \"MULTIPLE_HEADS\"");
		assertThat(run("merge", "Merge heads", "a2", b1).exitCode()).isZero();
		CommandLine.Run merged = run("verify", "--single-head");
		assertThat(merged.exitCode()).as(merged.out()).isZero();
		assertThat(merged.out()).isEqualTo("OK: the scripts and the database agree\n");
	}

	@Test
	void graphMarksWhereEachBranchStartsAndTheTargetOfItsHead() {
		String b1 = created(run("create", "Billing root", "--branch-label", "billing"));
		String b2 = created(run("create", "Invoices", "--head", "billing@head"));
		CommandLine.Run graph = run("graph");
		assertThat(graph.out()).contains("* " + b2 + " (head, billing@head) Invoices")
			.contains(b1 + " (branch billing) Billing root")
			.contains("a2 (head) Add email to users");
		assertThat(run("graph", "--format", "mermaid").out()).contains("Billing root [branch billing]");
	}

	@Test
	void hostileLabelsAndTargetsAreRefusedAndChangeNothing() throws IOException {
		String b1 = created(run("create", "Billing root", "--branch-label", "billing"));
		assertThat(run("migrate", "a1").exitCode()).isZero();
		List<Path> before = scripts();
		CommandLine.Run at = run("create", "Bad", "--branch-label", "bill@ing");
		assertThat(at.exitCode()).isEqualTo(1);
		assertThat(at.err()).startsWith("Error: Invalid branch label 'bill@ing': use only letters, digits, _ and -");
		CommandLine.Run twice = run("create", "Again", "--branch-label", "billing");
		assertThat(twice.exitCode()).isEqualTo(1);
		assertThat(twice.err()).contains("Branch label 'billing' is already declared by revision '" + b1 + "'");
		CommandLine.Run unknownHead = run("create", "Next", "--head", "shop@head");
		assertThat(unknownHead.exitCode()).isEqualTo(1);
		assertThat(unknownHead.err()).contains("Unknown branch label 'shop': the labels are billing");
		CommandLine.Run unknownTarget = run("migrate", "shop@head");
		assertThat(unknownTarget.exitCode()).isEqualTo(1);
		assertThat(unknownTarget.err()).contains("Unknown branch label 'shop': the labels are billing");
		CommandLine.Run injected = run("rollback", "x;DROP TABLE users@base");
		assertThat(injected.exitCode()).isEqualTo(1);
		assertThat(injected.err()).contains("Invalid target 'x;DROP TABLE users@base': the branch label");
		assertThat(scripts()).isEqualTo(before);
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a1");
	}

	@Test
	void helpDescribesTheBranchOptions() {
		assertThat(run("create", "--help").out()).contains("--branch-label NAME", "LABEL@head for a branch's head");
		assertThat(run("verify", "--help").out()).contains("--single-head");
		assertThat(run("rollback", "--help").out()).contains("LABEL@base");
	}

	private List<String> heads() {
		run("heads");
		return this.commandLine.manager().headRevisions();
	}

	private CommandLine.Run run(String... arguments) {
		return this.commandLine.run(arguments);
	}

	private static String created(CommandLine.Run run) {
		assertThat(run.exitCode()).as(run.err()).isZero();
		return run.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
	}

	private Path script(String revision) throws IOException {
		return scripts().stream()
			.filter((file) -> file.getFileName().toString().startsWith(revision + "_"))
			.findFirst()
			.orElseThrow();
	}

	private List<Path> scripts() throws IOException {
		try (Stream<Path> files = Files.list(this.commandLine.scripts())) {
			return files.sorted().toList();
		}
	}

}
