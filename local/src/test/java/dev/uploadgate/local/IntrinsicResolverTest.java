package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {
    private final IntrinsicResolver resolver = TestTemplates.resolver(TestTemplates.gateway());

    @Test
    void resolveText_refToParameter_isItsDefault() {
        assertThat(resolver.resolveText(Map.of("Ref", "Greeting"))).contains("hello");
        assertThat(resolver.resolveText(Map.of("Ref", "Limit"))).contains("42");
    }

    @Test
    void resolveText_pseudoParameter_isLocalValue() {
        assertThat(resolver.resolveText(Map.of("Ref", "AWS::Region"))).contains("us-east-1");
        assertThat(resolver.resolveText(Map.of("Ref", "AWS::AccountId"))).contains("000000000000");
    }

    @Test
    void resolveText_scalars_areText() {
        assertThat(resolver.resolveText("plain")).contains("plain");
        assertThat(resolver.resolveText(5497558138880L)).contains("5497558138880");
        assertThat(resolver.resolveText(true)).contains("true");
    }

    @Test
    void resolveList_refToCommaDelimitedList_isSplitOnCommas() {
        assertThat(resolver.resolveList(Map.of("Ref", "AllowedOrigins")))
                .containsExactly("http://localhost:3000", "http://app.example");
    }

    @Test
    void resolveText_ifOnTrueCondition_takesThenBranch() {
        assertThat(resolver.condition("CreateBucket")).isTrue();
        assertThat(resolver.resolveText(Map.of("Fn::If", List.of("CreateBucket", "yes", "no")))).contains("yes");
        assertThat(resolver.resolveText(Map.of("Fn::If", List.of("KeepBucket", "yes", "no")))).contains("no");
    }

    @Test
    void resolveText_ifChoosingNoValue_isEmpty() {
        assertThat(resolver.resolveText(Map.of("Fn::If", List.of("KeepBucket", "x", Map.of("Ref", "AWS::NoValue"))))).isEmpty();
    }

    @Test
    void resolveText_sub_replacesParametersAndVariables() {
        assertThat(resolver.resolveText(Map.of("Fn::Sub", "${Greeting} in ${AWS::Region}, ${!Literal}")))
                .contains("hello in us-east-1, ${Literal}");
        assertThat(resolver.resolveText(Map.of("Fn::Sub", List.of("${Name}-${Limit}", Map.of("Name", "echo")))))
                .contains("echo-42");
    }

    @Test
    void resolveText_joinAndSelect_workOnLists() {
        assertThat(resolver.resolveText(Map.of("Fn::Join", List.of(";", Map.of("Ref", "AllowedOrigins")))))
                .contains("http://localhost:3000;http://app.example");
        assertThat(resolver.resolveText(Map.of("Fn::Select", List.of(1, Map.of("Ref", "AllowedOrigins")))))
                .contains("http://app.example");
    }

    @Test
    void resolveText_refToResource_saysItOnlyExistsDeployed() {
        assertThatThrownBy(() -> resolver.resolveText(Map.of("Ref", "Bucket")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Bucket").hasMessageContaining("deployed");
    }

    @Test
    void resolveText_getAtt_isUnresolvable() {
        assertThatThrownBy(() -> resolver.resolveText(Map.of("Fn::GetAtt", List.of("Bucket", "Arn"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("deployed resource");
    }

    @Test
    void resolveText_unknownName_isTemplateError() {
        assertThatThrownBy(() -> resolver.resolveText(Map.of("Ref", "Nope")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Nope");
    }

    @Test
    void condition_thatRefersToItself_failsInsteadOfLooping() {
        SamTemplate template = SamTemplate.parse("""
                Conditions:
                  Loop: !Not [!Condition Loop]
                """, "loop.yaml");

        assertThatThrownBy(() -> TestTemplates.resolver(template).condition("Loop"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void resolveText_overriddenParameter_isTheGivenValue() {
        IntrinsicResolver overridden = new IntrinsicResolver(TestTemplates.gateway(), IntrinsicResolver.localPseudoParameters("us-east-1"),
                Map.of("Limit", "7"));

        assertThat(overridden.resolveText(Map.of("Ref", "Limit"))).contains("7");
        assertThat(overridden.resolveText(Map.of("Ref", "Greeting"))).contains("hello");
    }

    @Test
    void construct_overrideOfUnknownParameter_isTemplateError() {
        assertThatThrownBy(() -> new IntrinsicResolver(TestTemplates.gateway(), IntrinsicResolver.localPseudoParameters("us-east-1"),
                Map.of("Nope", "1")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nope");
    }
}
