package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Users run cfn-lint before every deploy: the template must pass it with no error and no warning. */
class TemplateLintIT {

    @Test
    void cfnLint_projectTemplate_reportsNothing() throws Exception {
        Process lint = new ProcessBuilder("cfn-lint", TestTemplates.PROJECT_TEMPLATE.toString())
                .redirectErrorStream(true)
                .start();
        // Read to the end first, so a long report cannot fill the pipe and stall the process.
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = lint.waitFor(120, TimeUnit.SECONDS);

        assertThat(finished).as("cfn-lint finished within 120 s").isTrue();
        assertThat(output).as("cfn-lint output").isEmpty();
        assertThat(lint.exitValue()).isZero();
    }
}
