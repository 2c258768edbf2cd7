package io.wsfleet.operator.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One operator and mock API server for a test class: {@code @RegisterExtension static final OperatorExtension OPERATOR = ...}. */
public final class OperatorExtension implements BeforeAllCallback, AfterAllCallback {

    private OperatorHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        harness = OperatorHarness.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        harness.close();
    }

    public OperatorHarness harness() {
        return harness;
    }

    public KubernetesClient client() {
        return harness.client();
    }
}
