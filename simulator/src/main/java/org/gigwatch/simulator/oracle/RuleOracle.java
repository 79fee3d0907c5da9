package org.gigwatch.simulator.oracle;

import java.util.function.Consumer;
import org.gigwatch.simulator.truth.ExpectedViolation;
import org.gigwatch.simulator.truth.Rule;

/** A plain batch computation of one rule over a subject's whole simulated range. */
public interface RuleOracle {
    Rule rule();

    /** Reports every violation of the rule by the subject; does nothing where the category is not judged. */
    void check(Subject subject, Consumer<ExpectedViolation> out);
}
