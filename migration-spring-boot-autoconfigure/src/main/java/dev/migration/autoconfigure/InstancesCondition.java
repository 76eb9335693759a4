package dev.migration.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code migration.instances} configures several databases: {@link Present}
 * matches when it does, {@link Absent} when it does not.
 */
abstract class InstancesCondition extends SpringBootCondition {

	private final boolean present;

	InstancesCondition(boolean present) {
		this.present = present;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = !MigrationInstances.configured(context.getEnvironment()).isEmpty();
		String message = MigrationInstances.PROPERTY + (configured ? " is set" : " is not set");
		return (configured == this.present) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

	/**
	 * Matches when {@code migration.instances} is set.
	 */
	static final class Present extends InstancesCondition {

		Present() {
			super(true);
		}

	}

	/**
	 * Matches when {@code migration.instances} is not set.
	 */
	static final class Absent extends InstancesCondition {

		Absent() {
			super(false);
		}

	}

}
