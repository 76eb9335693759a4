package dev.migration.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code migration.tenants.schemas} or {@code migration.tenants.query} is
 * set.
 */
final class TenantsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("migration.tenants", Bindable.of(MigrationProperties.Tenants.class))
			.map(MigrationProperties.Tenants::isConfigured)
			.orElse(false);
		return configured ? ConditionOutcome.match("migration.tenants is set")
				: ConditionOutcome.noMatch("migration.tenants is not set");
	}

}
