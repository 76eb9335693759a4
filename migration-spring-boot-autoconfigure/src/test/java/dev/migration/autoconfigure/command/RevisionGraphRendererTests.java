package dev.migration.autoconfigure.command;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.migration.MigrationInfo;
import dev.migration.MigrationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RevisionGraphRenderer}.
 */
class RevisionGraphRendererTests {

	@Test
	void aLinearHistoryIsOneColumnNewestFirst() {
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(
				List.of(revision("a", "Create users"), revision("b", "Add email", "a")), Set.of("b"), Set.of("a"));
		assertThat(renderer.render("text")).isEqualTo("""
				* b (head) Add email
				* a (current) Create users
				""");
	}

	@Test
	void aMergeIsDrawnLikeGitLogGraph() {
		List<MigrationInfo> migrations = List.of(revision("root", "Root"), revision("a1", "A one", "root"),
				revision("b1", "B one", "root"), revision("a2", "A two", "a1"), revision("b2", "B two", "b1"),
				revision("m", "Merge", "a2", "b2"));
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(migrations, Set.of("m"), Set.of("a2", "b1"));
		assertThat(renderer.render("text")).isEqualTo("""
				* m (head, merge) Merge
				|\\
				* | a2 (current) A two
				* | a1 A one
				| * b2 B two
				| * b1 (current) B one
				|/
				* root Root
				""");
	}

	@Test
	void branchesAreDrawnAsColumnsThatMeetAtTheirBranchPoint() {
		List<MigrationInfo> migrations = List.of(revision("root", "Root"), revision("x", "Branch x", "root"),
				revision("y", "Branch y", "root"), revision("y2", "Branch y two", "y"));
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(migrations, Set.of("x", "y2"), Set.of());
		assertThat(renderer.render("text")).isEqualTo("""
				* y2 (head) Branch y two
				* y Branch y
				| * x (head) Branch x
				|/
				* root Root
				""");
	}

	@Test
	void aSecondRootEndsItsColumn() {
		List<MigrationInfo> migrations = List.of(revision("r1", "Root one"), revision("r2", "Root two"),
				revision("m", "Merge", "r1", "r2"), revision("n", "Next", "m"));
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(migrations, Set.of("n"), Set.of());
		assertThat(renderer.render("text")).isEqualTo("""
				* n (head) Next
				* m (merge) Merge
				|\\
				* | r1 Root one
				 /
				* r2 Root two
				""");
	}

	@Test
	void dependenciesOrderTheGraphAndAreNamed() {
		MigrationInfo dependent = new MigrationInfo("c", "Needs b", List.of("a"), List.of("b"), "c.sql", null,
				MigrationKind.SQL, true, true);
		List<MigrationInfo> migrations = List.of(revision("a", "A"), revision("b", "B"), dependent);
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(migrations, Set.of("b", "c"), Set.of());
		assertThat(renderer.newestFirst()).containsExactly("c", "a", "b");
		assertThat(renderer.render("text")).contains("* c (head) Needs b [depends on b]");
		assertThat(renderer.render("mermaid")).contains("r_b -. depends on .-> r_c");
		assertThat(renderer.render("dot")).contains("\"b\" -> \"c\" [style=dashed, label=\"depends on\"];");
	}

	@Test
	void mermaidDrawsParentsBelowChildrenAndMarksHeadsAndCurrent() {
		List<MigrationInfo> migrations = List.of(revision("a", "Say \"hi\""), revision("b", "B", "a"),
				revision("c", "C", "a"), revision("m", "Merge", "b", "c"));
		String mermaid = new RevisionGraphRenderer(migrations, Set.of("m"), Set.of("b")).render("mermaid");
		assertThat(mermaid).startsWith("flowchart BT\n")
			.contains("    r_a[\"a: Say #quot;hi#quot;\"]\n")
			.contains("    r_b --> r_m\n", "    r_c --> r_m\n", "    r_a --> r_b\n", "    r_a --> r_c\n")
			.contains("    class r_m head\n", "    class r_b current\n");
	}

	@Test
	void dotDrawsEdgesFromParentToChildAndEscapesLabels() {
		List<MigrationInfo> migrations = List.of(revision("a", "Say \"hi\""), revision("b", "B", "a"),
				revision("c", "C", "a"), revision("m", "Merge", "b", "c"));
		String dot = new RevisionGraphRenderer(migrations, Set.of("m"), Set.of("a")).render("dot");
		assertThat(dot).startsWith("digraph migrations {\n    rankdir=BT;\n")
			.contains("\"a\" [label=\"a\\nSay \\\"hi\\\"\", style=filled, fillcolor=\"#cfe8cf\"];")
			.contains("\"m\" [label=\"m\\nMerge\", peripheries=2];")
			.contains("\"b\" -> \"m\";", "\"c\" -> \"m\";", "\"a\" -> \"b\";")
			.endsWith("}\n");
	}

	@Test
	void anUnknownFormatSuggestsTheNearest() {
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(List.of(revision("a", "A")), Set.of("a"), Set.of());
		assertThatIllegalArgumentException().isThrownBy(() -> renderer.render("mermiad"))
			.withMessage("Unknown graph format 'mermiad': did you mean 'mermaid'? (text, mermaid or dot)");
	}

	private static MigrationInfo revision(String id, String message, String... parents) {
		return new MigrationInfo(id, message, Arrays.asList(parents), List.of(), id + ".sql", null, MigrationKind.SQL,
				true, true);
	}

}
