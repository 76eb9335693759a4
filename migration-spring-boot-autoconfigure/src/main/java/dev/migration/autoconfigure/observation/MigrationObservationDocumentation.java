package dev.migration.autoconfigure.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of migrations and their key names: {@code migration.run} around each
 * run, and {@code migration.migration} around each migration of a run, as its child.
 */
public enum MigrationObservationDocumentation implements ObservationDocumentation {

	/**
	 * One {@code migrate}, {@code rollback} or {@code stamp}, lock wait included.
	 */
	RUN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMigrationRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return RunLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return RunHighCardinalityKeyNames.values();
		}

	},

	/**
	 * One revision upgraded or downgraded, in its transaction, within a run.
	 */
	MIGRATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMigrationObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return MigrationLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return MigrationHighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality key names of {@code migration.run}.
	 */
	public enum RunLowCardinalityKeyNames implements KeyName {

		/**
		 * What ran: {@code migrate}, {@code rollback} or {@code stamp}.
		 */
		OPERATION {

			@Override
			public String asString() {
				return "operation";
			}

		},

		/**
		 * How the run ended: {@code success} or {@code failure}; {@code unknown} while it
		 * runs.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * Which of several databases ran: the instance name under
		 * {@code migration.instances}. Absent for the single database.
		 */
		INSTANCE {

			@Override
			public String asString() {
				return "instance";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		}

	}

	/**
	 * High-cardinality key names of {@code migration.run}.
	 */
	public enum RunHighCardinalityKeyNames implements KeyName {

		/**
		 * The target as given, such as {@code head}, {@code -1} or a revision.
		 */
		TARGET {

			@Override
			public String asString() {
				return "target";
			}

		},

		/**
		 * How long the run took as the engine measured it, as its log line and result
		 * say it, such as {@code 12 ms}; only on a run that ended well. The observation's
		 * own timing also covers the listeners' callbacks around it.
		 */
		DURATION {

			@Override
			public String asString() {
				return "duration";
			}

		}

	}

	/**
	 * Low-cardinality key names of {@code migration.migration}.
	 */
	public enum MigrationLowCardinalityKeyNames implements KeyName {

		/**
		 * Which way the migration ran: {@code upgrade} or {@code downgrade}.
		 */
		DIRECTION {

			@Override
			public String asString() {
				return "direction";
			}

		},

		/**
		 * How the migration ended: {@code success} or {@code failure}; {@code unknown}
		 * while it runs.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * Which of several databases the migration ran on: the instance name under
		 * {@code migration.instances}. Absent for the single database.
		 */
		INSTANCE {

			@Override
			public String asString() {
				return "instance";
			}

			@Override
			public boolean isRequired() {
				return false;
			}

		}

	}

	/**
	 * High-cardinality key names of {@code migration.migration}.
	 */
	public enum MigrationHighCardinalityKeyNames implements KeyName {

		/**
		 * The revision id.
		 */
		REVISION {

			@Override
			public String asString() {
				return "revision";
			}

		},

		/**
		 * How long the migration ran as the engine measured it, as its log line, its
		 * history row and the {@code migration.duration} timer say it, such as
		 * {@code 0.42 ms}; once it ended. The observation's own timing also covers the
		 * history rows, the commit and the listeners' callbacks.
		 */
		DURATION {

			@Override
			public String asString() {
				return "duration";
			}

		}

	}

}
