package dev.stsbridge.app.abac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.stsbridge.app.demo.DemoPolicies;
import software.amazon.awssdk.services.iam.model.Position;

/** The parts of {@code abac} that need no AWS endpoint: Sids at statement positions, context values, the report. */
class SimulatorAnswerTest {

    private static Position at(int line, int column) {
        return Position.builder().line(line).column(column).build();
    }

    @Test
    void theSidIsReadFromTheStatementBetweenItsPositions() {
        String document = DemoPolicies.TEAM_ACCESS.document();
        assertThat(SimulatorAnswer.sid(document, at(4, 5), at(21, 6))).contains("TeamResources");
        assertThat(SimulatorAnswer.sid(document, at(22, 5), at(35, 6))).contains("DenyTeamTagChanges");
    }

    @Test
    void onOneLineTheColumnsTellTheStatementsApart() {
        String document = "{\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\"},{\"Sid\":\"B\",\"Effect\":\"Deny\"}]}";
        int second = document.indexOf("{\"Sid\":\"B\"") + 1;
        assertThat(SimulatorAnswer.sid(document, at(1, second), at(1, document.length() - 2))).contains("B");
        assertThat(SimulatorAnswer.sid(document, at(1, 15), at(1, second - 2))).contains("A");
    }

    @Test
    void aStatementWithoutSidHasNone() {
        assertThat(SimulatorAnswer.sid("{\"Statement\":[{\"Effect\":\"Allow\"}]}", at(1, 15), at(1, 32))).isEmpty();
        assertThat(SimulatorAnswer.sid("{}", null, null)).isEmpty();
    }

    @Test
    void contextValuesAreStringsUnlessATypeFollowsTheLastColon() {
        assertThat(ContextValue.parse("aws:SourceVpc=vpc-1")).isEqualTo(ContextValue.string("aws:SourceVpc", "vpc-1"));
        assertThat(ContextValue.parse("aws:TagKeys=team,Name:stringList"))
                .isEqualTo(new ContextValue("aws:TagKeys", List.of("team", "Name"), "stringList"));
        assertThat(ContextValue.parse("aws:Referer=https://example.com:8443"))
                .isEqualTo(ContextValue.string("aws:Referer", "https://example.com:8443"));
        assertThat(ContextValue.parse("aws:MultiFactorAuthPresent=true:boolean").type()).isEqualTo("boolean");
        assertThatThrownBy(() -> new ContextValue("a", List.of("1", "2"), "numeric"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a has 2 values: a numeric has one (use numericList)");
        assertThatThrownBy(() -> new ContextValue("a", List.of("1"), "strings"))
                .hasMessageStartingWith("unknown context key type 'strings' (one of binary, binaryList, boolean");
        assertThatThrownBy(() -> ContextValue.parse("=x")).hasMessage("expected KEY=VALUE[:TYPE], was '=x'");
    }

    @Test
    void theReportNamesTheDecidingStatementAndItsLines() {
        AbacResult result = new AbacResult("alice", "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com",
                Map.of("team", "platform"), "arn:aws:iam::111122223333:role/Admin", "s3:GetObject",
                "arn:aws:s3:::reports/q3.csv", Map.of("team", "platform"), AbacResult.Decision.ALLOWED,
                List.of(new AbacResult.Matched("arn:aws:iam::111122223333:policy/abac-team-access", "abac-team-access",
                        "IAM Policy", Optional.of("TeamResources"), Optional.of(4), Optional.of(21))),
                List.of(), List.of());
        assertThat(AbacReport.text(result)).isEqualTo(
                "alice as arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com (principal tags team=platform)\n"
                + "s3:GetObject on arn:aws:s3:::reports/q3.csv (resource tags team=platform): allowed\n"
                + "  by statement \"TeamResources\" of policy abac-team-access (IAM Policy), lines 4-21\n");
        assertThat(AbacReport.json(result)).contains("\"decision\" : \"allowed\"", "\"sid\" : \"TeamResources\"",
                "\"startLine\" : 4", "\"endLine\" : 21");
    }
}
