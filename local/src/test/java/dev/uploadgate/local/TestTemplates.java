package dev.uploadgate.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The templates the tests read: the small one in test resources, and the project's own. */
final class TestTemplates {
    static final String GATEWAY_RESOURCE = "gateway-template.yaml";
    /** Surefire and failsafe run in the module folder, so the project's template is one level up. */
    static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");
    /** The project's web folder, whose files the build bundles into local.jar. */
    static final Path PROJECT_WEB = Path.of("..", "web");

    private TestTemplates() {
    }

    static SamTemplate gateway() {
        return SamTemplate.parse(gatewayText(), GATEWAY_RESOURCE);
    }

    static String gatewayText() {
        try (InputStream in = TestTemplates.class.getClassLoader().getResourceAsStream(GATEWAY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(GATEWAY_RESOURCE + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SamTemplate project() {
        return SamTemplate.load(PROJECT_TEMPLATE);
    }

    static IntrinsicResolver resolver(SamTemplate template) {
        return new IntrinsicResolver(template, IntrinsicResolver.localPseudoParameters("us-east-1"));
    }
}
