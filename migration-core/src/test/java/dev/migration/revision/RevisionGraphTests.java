package dev.migration.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.migration.RevisionGraphException;
import dev.migration.TargetException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link RevisionGraph}.
 */
class RevisionGraphTests {

	@Test
	void emptyGraphIsValid() {
		RevisionGraph graph = RevisionGraph.of(List.of());
		assertThat(graph.isEmpty()).isTrue();
		assertThat(graph.revisions()).isEmpty();
		assertThat(graph.heads()).isEmpty();
		assertThat(graph.bases()).isEmpty();
		assertThat(graph.currentRevisions(Set.of("a"))).isEmpty();
	}

	@Test
	void linearChainIsOrderedFromBaseToHead() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("c", "b"), revision("a"), revision("d", "c"),
				revision("b", "a")));
		assertThat(ids(graph)).containsExactly("a", "b", "c", "d");
		assertThat(graph.heads()).containsExactly("d");
		assertThat(graph.bases()).containsExactly("a");
		assertThat(graph.isEmpty()).isFalse();
	}

	@Test
	void branchesHaveTwoHeadsUntilAMergeJoinsThem() {
		List<Revision> branched = List.of(revision("root"), revision("x1", "root"), revision("x2", "x1"),
				revision("y1", "root"));
		assertThat(RevisionGraph.of(branched).heads()).containsExactly("y1", "x2");
		List<Revision> merged = new ArrayList<>(branched);
		merged.add(revision("m", "x2", "y1"));
		RevisionGraph graph = RevisionGraph.of(merged);
		assertThat(graph.heads()).containsExactly("m");
		assertThat(graph.require("m").isMerge()).isTrue();
		assertThat(ids(graph)).containsExactly("root", "x1", "y1", "x2", "m");
	}

	@Test
	void orderPlacesShallowerRevisionsFirstThenLowerIds() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("r"), revision("b1", "r"), revision("a1", "r"),
				revision("a2", "a1"), revision("s")));
		assertThat(ids(graph)).containsExactly("r", "s", "a1", "b1", "a2");
		assertThat(graph.bases()).containsExactly("r", "s");
	}

	@Test
	void dependsOnForcesOrderAcrossBranchesWithoutEndingAHead() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("r"), revision("a1", "r"), revision("a2", "a1"),
				revision("a3", "a2"), dependent("b1", List.of("r"), List.of("a3"))));
		assertThat(ids(graph)).containsExactly("r", "a1", "a2", "a3", "b1");
		assertThat(graph.heads()).containsExactly("a3", "b1");
	}

	@Test
	void ancestorsFollowParentsAndDependencies() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.ancestors("b2")).containsExactly("r", "a1", "b1", "a2");
		assertThat(graph.ancestors("a2")).containsExactly("r", "a1");
		assertThat(graph.ancestors("r")).isEmpty();
	}

	@Test
	void descendantsFollowParentsAndDependencies() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.descendants("a2")).containsExactly("a3", "b2");
		assertThat(graph.descendants("r")).containsExactly("a1", "b1", "a2", "a3", "b2");
		assertThat(graph.descendants("b2")).isEmpty();
	}

	@Test
	void ancestorsOfUnknownRevisionFail() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> dependencyGraph().ancestors("zz"))
			.withMessage("Unknown revision 'zz'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> dependencyGraph().descendants("zz"))
			.withMessage("Unknown revision 'zz'");
	}

	@Test
	void topologicalOrderOfSubsetIgnoresInputOrderAndDuplicates() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.topologicalOrder(List.of("b2", "a1", "r", "a1"))).containsExactly("r", "a1", "b2");
		assertThat(graph.topologicalOrder(List.of())).isEmpty();
	}

	@Test
	void topologicalOrderOfUnknownRevisionFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> dependencyGraph().topologicalOrder(List.of("a1", "zz")))
			.withMessage("Unknown revision 'zz'");
	}

	@Test
	void orderIsTheSameWhateverTheInputOrder() {
		List<Revision> revisions = new ArrayList<>(List.of(revision("root"), revision("x1", "root"),
				revision("x2", "x1"), revision("y1", "root"), revision("y2", "y1"), revision("z1", "root"),
				dependent("z2", List.of("z1"), List.of("x2")), revision("m", "x2", "y2"), revision("n", "m", "z2")));
		List<String> expected = ids(RevisionGraph.of(revisions));
		Random random = new Random(42);
		for (int i = 0; i < 20; i++) {
			Collections.shuffle(revisions, random);
			RevisionGraph graph = RevisionGraph.of(revisions);
			assertThat(ids(graph)).isEqualTo(expected);
			assertThat(graph.topologicalOrder(revisions.stream().map(Revision::id).toList())).isEqualTo(expected);
		}
		assertThat(expected).containsExactly("root", "x1", "y1", "z1", "x2", "y2", "m", "z2", "n");
	}

	@Test
	void longChainIsHandledWithoutDeepRecursion() {
		List<Revision> revisions = new ArrayList<>();
		revisions.add(revision("r00000"));
		for (int i = 1; i < 10000; i++) {
			revisions.add(revision("r%05d".formatted(i), "r%05d".formatted(i - 1)));
		}
		Collections.reverse(revisions);
		RevisionGraph graph = RevisionGraph.of(revisions);
		assertThat(graph.heads()).containsExactly("r09999");
		assertThat(graph.revisions().get(0).id()).isEqualTo("r00000");
		assertThat(graph.ancestors("r09999")).hasSize(9999);
		assertThat(graph.currentRevisions(Set.of("r00000", "r05000"))).containsExactly("r05000");
	}

	@Test
	void longCycleIsReportedWithoutDeepRecursion() {
		List<Revision> revisions = new ArrayList<>();
		for (int i = 0; i < 10000; i++) {
			revisions.add(revision("r%05d".formatted(i), "r%05d".formatted((i + 1) % 10000)));
		}
		assertThatExceptionOfType(RevisionGraphException.class).isThrownBy(() -> RevisionGraph.of(revisions))
			.withMessageStartingWith("Invalid revision graph (1 problem):\n"
					+ "Cycle (each revision needs the next): 'r00000' (r00000.sql) -> 'r00001' (r00001.sql)")
			.withMessageEndingWith("'r09999' (r09999.sql) -> 'r00000'");
	}

	@Test
	void getRequireAndContainsFindRevisionsById() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.get("a1")).hasValueSatisfying((revision) -> assertThat(revision.source()).isEqualTo("a1.sql"));
		assertThat(graph.get("a")).isEmpty();
		assertThat(graph.contains("a1")).isTrue();
		assertThat(graph.contains("a")).isFalse();
		assertThat(graph.require("b2").dependsOn()).containsExactly("a2");
	}

	@Test
	void requireUnknownRevisionFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> dependencyGraph().require("nope"))
			.withMessage("Unknown revision 'nope'");
	}

	@Test
	void resolveIdAcceptsFullIdsAndUniquePrefixes() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("ab12"), revision("ab34", "ab12"),
				revision("ab", "ab34"), revision("cd56", "ab")));
		assertThat(graph.resolveId("ab12")).isEqualTo("ab12");
		assertThat(graph.resolveId("ab")).isEqualTo("ab");
		assertThat(graph.resolveId("ab3")).isEqualTo("ab34");
		assertThat(graph.resolveId("c")).isEqualTo("cd56");
	}

	@Test
	void resolveIdWithAmbiguousPrefixListsTheCandidates() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("ab34"), revision("ab12", "ab34"),
				revision("cd56", "ab12")));
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId("ab"))
			.withMessage("Ambiguous revision 'ab': matches ab12, ab34");
	}

	@Test
	void resolveIdWithUnknownIdNamesTheHeads() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("a"), revision("b", "a"), revision("c", "a")));
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId("zz"))
			.withMessage("Unknown revision 'zz' (heads are b, c)");
		RevisionGraph linear = RevisionGraph.of(List.of(revision("a"), revision("b", "a")));
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> linear.resolveId("zz"))
			.withMessage("Unknown revision 'zz' (head is b)");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of()).resolveId("zz"))
			.withMessage("Unknown revision 'zz' (there are no revisions)");
	}

	@Test
	void resolveIdWithInvalidCharactersQuotesTheValue() {
		RevisionGraph graph = dependencyGraph();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId("1; DROP TABLE x"))
			.withMessage("Invalid revision '1; DROP TABLE x': only letters, digits and '_' are allowed");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId("a\nb"))
			.withMessage("Invalid revision 'a\\u000Ab': only letters, digits and '_' are allowed");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId("x".repeat(150) + "!"))
			.withMessage("Invalid revision '" + "x".repeat(100) + "...': only letters, digits and '_' are allowed");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.resolveId(""))
			.withMessage("Empty revision id");
	}

	@Test
	void currentRevisionsOfALinearChainIsTheLastApplied() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("a"), revision("b", "a"), revision("c", "b")));
		assertThat(graph.currentRevisions(Set.of("a", "b"))).containsExactly("b");
		assertThat(graph.currentRevisions(Set.of())).isEmpty();
	}

	@Test
	void currentRevisionsOfBranchesAreTheTipOfEachAppliedBranch() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("root"), revision("x1", "root"),
				revision("x2", "x1"), revision("y1", "root"), revision("m", "x2", "y1")));
		assertThat(graph.currentRevisions(Set.of("root", "x1", "y1"))).containsExactly("x1", "y1");
		assertThat(graph.currentRevisions(Set.of("root", "x1", "x2", "y1", "m"))).containsExactly("m");
		assertThat(graph.currentRevisions(Set.of("root", "x1", "unknown"))).containsExactly("x1");
	}

	@Test
	void currentRevisionsIgnoreDependencies() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.currentRevisions(Set.of("r", "a1", "a2", "b1", "b2"))).containsExactly("a2", "b2");
	}

	@Test
	void duplicateIdNamesBothSources() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a"), new Revision("a", "", List.of(), List.of(),
					"other/a.sql"))))
			.withMessage("Invalid revision graph (1 problem):\nDuplicate revision id 'a' in a.sql, other/a.sql");
	}

	@Test
	void missingParentNamesTheRevisionItsSourceAndTheMissingId() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a"), revision("b", "zz"))))
			.withMessage("Invalid revision graph (1 problem):\n"
					+ "Revision 'b' (b.sql) has down_revision 'zz', which does not exist");
	}

	@Test
	void missingDependencyNamesTheRevisionItsSourceAndTheMissingId() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a"), dependent("b", List.of("a"), List.of("zz")))))
			.withMessage("Invalid revision graph (1 problem):\n"
					+ "Revision 'b' (b.sql) depends on 'zz', which does not exist");
	}

	@Test
	void selfCycleIsReported() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a", "a"))))
			.withMessage("Invalid revision graph (1 problem):\n"
					+ "Cycle (each revision needs the next): 'a' (a.sql) -> 'a'");
	}

	@Test
	void threeCycleNamesEveryRevisionWithItsSource() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("r"), revision("c", "b"), revision("a", "c"),
					revision("b", "a"), revision("d", "r"))))
			.withMessage("Invalid revision graph (1 problem):\n"
					+ "Cycle (each revision needs the next): 'a' (a.sql) -> 'c' (c.sql) -> 'b' (b.sql) -> 'a'");
	}

	@Test
	void cycleThroughDependencyIsReported() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(dependent("a", List.of(), List.of("b")), revision("b", "a"))))
			.withMessage("Invalid revision graph (1 problem):\n"
					+ "Cycle (each revision needs the next): 'a' (a.sql) -> 'b' (b.sql) -> 'a'");
	}

	@Test
	void invalidAndReservedIdsAreReported() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("head"), revision("a-b"))))
			.withMessage("Invalid revision graph (2 problems):\n"
					+ "Invalid revision id 'a-b' in a-b.sql: only letters, digits and '_' are allowed\n"
					+ "Revision id 'head' in head.sql is reserved for targets; choose another id");
	}

	@Test
	void problemsAreListedOneByOneAsTheMessageShowsThem() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("head"), revision("a-b"))))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"Invalid revision id 'a-b' in a-b.sql: only letters, digits and '_' are allowed",
					"Revision id 'head' in head.sql is reserved for targets; choose another id"));
	}

	@Test
	void everyProblemIsReportedTogether() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a"), revision("a"), revision("b", "missing"),
					dependent("c", List.of("a"), List.of("gone")), revision("d", "e"), revision("e", "d"),
					revision("s", "s"))))
			.withMessage("Invalid revision graph (5 problems):\n"
					+ "Duplicate revision id 'a' in a.sql, a.sql\n"
					+ "Revision 'b' (b.sql) has down_revision 'missing', which does not exist\n"
					+ "Revision 'c' (c.sql) depends on 'gone', which does not exist\n"
					+ "Cycle (each revision needs the next): 'd' (d.sql) -> 'e' (e.sql) -> 'd'\n"
					+ "Cycle (each revision needs the next): 's' (s.sql) -> 's'");
	}

	@Test
	void walksAgreeWithTheDefinitionsOnRandomGraphs() {
		Random random = new Random(7);
		for (int round = 0; round < 200; round++) {
			int size = 1 + random.nextInt(40);
			List<Revision> revisions = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				List<String> parents = new ArrayList<>();
				List<String> dependsOn = new ArrayList<>();
				for (int edges = (i > 0) ? random.nextInt(3) : 0; edges > 0; edges--) {
					parents.add("r" + random.nextInt(i));
				}
				if (i > 0 && random.nextInt(4) == 0) {
					dependsOn.add("r" + random.nextInt(i));
				}
				revisions.add(new Revision("r" + i, "", parents, dependsOn, "r" + i + ".sql"));
			}
			Collections.shuffle(revisions, random);
			RevisionGraph graph = RevisionGraph.of(revisions);
			List<String> order = ids(graph);
			Set<String> applied = new HashSet<>();
			for (Revision revision : revisions) {
				String id = revision.id();
				Set<String> ancestors = closure(graph, id);
				assertThat(graph.ancestors(id)).containsExactlyElementsOf(inOrder(order, ancestors));
				Set<String> descendants = new HashSet<>();
				for (String other : order) {
					if (closure(graph, other).contains(id)) {
						descendants.add(other);
					}
				}
				assertThat(graph.descendants(id)).containsExactlyElementsOf(inOrder(order, descendants));
				for (String prerequisite : ancestors) {
					assertThat(order.indexOf(prerequisite)).isLessThan(order.indexOf(id));
				}
				if (random.nextBoolean()) {
					applied.add(id);
				}
			}
			// Current: applied, and no parent (directly or not) of another applied revision.
			Set<String> current = new HashSet<>(applied);
			for (String id : applied) {
				current.removeAll(parentClosure(graph, id));
			}
			assertThat(graph.currentRevisions(applied)).containsExactlyElementsOf(inOrder(order, current));
		}
	}

	private static Set<String> closure(RevisionGraph graph, String id) {
		Set<String> reached = new HashSet<>();
		Revision revision = graph.require(id);
		List<String> next = new ArrayList<>(revision.downRevisions());
		next.addAll(revision.dependsOn());
		for (String prerequisite : next) {
			if (reached.add(prerequisite)) {
				reached.addAll(closure(graph, prerequisite));
			}
		}
		return reached;
	}

	private static Set<String> parentClosure(RevisionGraph graph, String id) {
		Set<String> reached = new HashSet<>();
		for (String parent : graph.require(id).downRevisions()) {
			reached.add(parent);
			reached.addAll(parentClosure(graph, parent));
		}
		return reached;
	}

	private static List<String> inOrder(List<String> order, Set<String> ids) {
		return order.stream().filter(ids::contains).toList();
	}

	/**
	 * {@code r <- a1 <- a2 <- a3} and {@code r <- b1 <- b2}, where {@code b2} depends
	 * on {@code a2}.
	 */
	@Test
	void withDescendantsGathersTheGivenRevisionsAndEveryRevisionThatNeedsThemInOrder() {
		RevisionGraph graph = dependencyGraph();
		assertThat(graph.withDescendants(List.of("a3", "a2"))).containsExactly("a2", "a3", "b2");
		assertThat(graph.withDescendants(List.of())).isEmpty();
	}

	@Test
	void prerequisitesAreTheParentsAndTheDependencies() {
		assertThat(dependencyGraph().prerequisites("b2")).containsExactlyInAnyOrder("b1", "a2");
		assertThat(dependencyGraph().prerequisites("r")).isEmpty();
	}

	@Test
	void branchIsTheLabelledRevisionAndEveryRevisionAboveItAlongParents() {
		RevisionGraph graph = RevisionGraph.of(List.of(revision("r1"), revision("r2", "r1"),
				labelled("b1", List.of("billing"), "r1"), revision("b2", "b1"), revision("mg", "r2", "b2"),
				dependent("d", List.of("r2"), List.of("b1"))));
		assertThat(graph.branch("billing")).containsExactly("b1", "b2", "mg");
		assertThat(graph.branchBase("billing")).isEqualTo("b1");
		assertThat(graph.branchHeads("billing")).containsExactly("mg");
		assertThat(graph.branchLabels()).containsExactly(entry("billing", "b1"));
		assertThat(graph.branchLabels("b2")).containsExactly("billing");
		assertThat(graph.branchLabels("mg")).containsExactly("billing");
		// A dependency carries no label, nor does a revision below the labelled one.
		assertThat(graph.branchLabels("d")).isEmpty();
		assertThat(graph.branchLabels("r1")).isEmpty();
	}

	@Test
	void revisionCarriesTheLabelsOfEveryLabelledRevisionBelowIt() {
		RevisionGraph graph = RevisionGraph.of(List.of(labelled("a1", List.of("core", "app")),
				labelled("a2", List.of("billing"), "a1"), revision("a3", "a2"), revision("c2", "a1")));
		assertThat(graph.branchLabels("a3")).containsExactly("app", "billing", "core");
		assertThat(graph.branchLabels("c2")).containsExactly("app", "core");
		assertThat(graph.branchLabels()).containsExactly(entry("app", "a1"), entry("billing", "a2"),
				entry("core", "a1"));
		assertThat(graph.branchHeads("core")).containsExactly("c2", "a3");
	}

	@Test
	void unknownLabelFailsListingTheLabels() {
		RevisionGraph graph = RevisionGraph.of(List.of(labelled("a1", List.of("main")), labelled("b1", List.of("x"))));
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> graph.branch("billing"))
			.withMessage("Unknown branch label 'billing': the labels are main, x");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(revision("a"))).branchHeads("main"))
			.withMessage("Unknown branch label 'main': no revision declares branch_labels");
	}

	@Test
	void invalidReservedRepeatedAndClashingLabelsAreReportedNamingTheSources() {
		assertThatExceptionOfType(RevisionGraphException.class)
			.isThrownBy(() -> RevisionGraph.of(List.of(labelled("a1", List.of("bill@ing", "-x", "head")),
					labelled("b1", List.of("main", "main")), labelled("c1", List.of("main")),
					labelled("d1", List.of("a1")))))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"Invalid branch label 'bill@ing' of revision 'a1' (a1.sql): only letters, digits, '_' and '-' "
							+ "are allowed, and no leading '-'",
					"Invalid branch label '-x' of revision 'a1' (a1.sql): only letters, digits, '_' and '-' "
							+ "are allowed, and no leading '-'",
					"Branch label 'head' of revision 'a1' (a1.sql) is reserved for targets; choose another label",
					"Branch label 'main' given twice by revision 'b1' (b1.sql)",
					"Branch label 'main' declared by both 'b1' (b1.sql) and 'c1' (c1.sql); a label names one branch",
					"Branch label 'a1' of revision 'd1' (d1.sql) is also the id of revision 'a1' (a1.sql); choose "
							+ "another label"));
	}

	static Revision labelled(String id, List<String> labels, String... parents) {
		return new Revision(id, "", Arrays.asList(parents), List.of(), id + ".sql", labels);
	}

	private static RevisionGraph dependencyGraph() {
		return RevisionGraph.of(List.of(revision("r"), revision("a1", "r"), revision("a2", "a1"),
				revision("a3", "a2"), revision("b1", "r"), dependent("b2", List.of("b1"), List.of("a2"))));
	}

	static Revision revision(String id, String... parents) {
		return new Revision(id, "", Arrays.asList(parents), List.of(), id + ".sql");
	}

	static Revision dependent(String id, List<String> parents, List<String> dependsOn) {
		return new Revision(id, "", parents, dependsOn, id + ".sql");
	}

	private static List<String> ids(RevisionGraph graph) {
		return graph.revisions().stream().map(Revision::id).toList();
	}

}
