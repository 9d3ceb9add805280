package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void parse_shortFormScalarTags_becomeLongForm() {
        Map<String, Object> root = CloudFormationYaml.parse("""
                a: !Ref Param
                b: !Sub "${Param}-x"
                c: !GetAtt Bucket.Arn
                d: !Condition IsProd
                e: !ImportValue Shared
                """, "test");

        assertThat(root).containsEntry("a", Map.of("Ref", "Param"))
                .containsEntry("b", Map.of("Fn::Sub", "${Param}-x"))
                .containsEntry("c", Map.of("Fn::GetAtt", List.of("Bucket", "Arn")))
                .containsEntry("d", Map.of("Condition", "IsProd"))
                .containsEntry("e", Map.of("Fn::ImportValue", "Shared"));
    }

    @Test
    void parse_shortFormSequenceTags_nestInsideEachOther() {
        Map<String, Object> root = CloudFormationYaml.parse("""
                cond: !Not [!Equals [!Ref Name, ""]]
                pick: !If [HasName, !Ref Name, !Ref AWS::NoValue]
                sub: !Sub
                  - "${A}/${B}"
                  - A: !Ref X
                    B: plain
                """, "test");

        assertThat(root.get("cond")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Name"), "")))));
        assertThat(root.get("pick")).isEqualTo(Map.of("Fn::If", List.of("HasName", Map.of("Ref", "Name"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(root.get("sub")).isEqualTo(Map.of("Fn::Sub", List.of("${A}/${B}", Map.of("A", Map.of("Ref", "X"), "B", "plain"))));
    }

    @Test
    void parse_longForm_isLeftAsItIs() {
        Map<String, Object> root = CloudFormationYaml.parse("a:\n  Fn::Join: [',', [x, y]]\n", "test");

        assertThat(root.get("a")).isEqualTo(Map.of("Fn::Join", List.of(",", List.of("x", "y"))));
    }

    @Test
    void parse_unknownTag_isTemplateErrorNamingSource() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("a: !Bogus x\n", "my.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("my.yaml").hasMessageContaining("!Bogus");
    }

    @Test
    void parse_notMapping_isTemplateError() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- a\n- b\n", "list.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("list.yaml is not a YAML mapping");
    }

    @Test
    void parse_duplicateKey_isTemplateError() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("a: 1\na: 2\n", "dup.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("dup.yaml");
    }
}
