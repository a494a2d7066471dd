package com.marketplace.refunds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.stuck.SupportSiteFixture;

/**
 * {@code actions} and {@code users} on the command line, in order: the person is the operating-system
 * user running the tests, who needs an account; a refusal is one line and exit 2; {@code actions
 * request} ends with the request's id alone. The fixture's RF-4A is FAILED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActionsCommandTests {

    private static final String ME = OsUser.name();
    private static String request;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void database() {
        System.setProperty("spring.datasource.url", SupportSiteFixture.create(ActionsCommandTests.class.getSimpleName()));
    }

    @AfterAll
    static void noDatabase() {
        System.clearProperty("spring.datasource.url");
    }

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(args);
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    @Order(1)
    void withoutAnAccountTheOperatingSystemUserMayNotRequest() {
        int code = run("", "actions", "request", "--action=reissue", "--refund-id=RF-4A", "--reason=card closed");

        assertThat(code).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: nobody named " + ME + " has an account: ask finance "
                + "to add one (users add --name=" + ME + ")");
    }

    @Test
    @Order(2)
    void aRequestPrintsItsIdAloneAsTheLastLine() {
        assertThat(run("short\n", "users", "add", "--name=" + ME, "--role=SUPPORT")).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: the password is too short: at least 12 characters");
        assertThat(run("\n", "users", "add", "--name=" + ME, "--role=SUPPORT")).isZero();

        int code = run("", "actions", "request", "--action=reissue", "--refund-id=RF-4A", "--reason=card closed",
                "--payment-reference=psp-new-4");

        assertThat(code).as(said()).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        request = lines.get(lines.size() - 1);
        assertThat(request).matches("[0-9]+");
        assertThat(lines.get(0)).startsWith("Request " + request + " recorded: reissue of RF-4A, asked by " + ME);
    }

    @Test
    @Order(3)
    void supportMayNotApproveAndNobodyApprovesTheirOwnRequest() {
        assertThat(run("", "actions", "approve", "--request-id=" + request)).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: " + ME + " is SUPPORT: only FINANCE may approve or "
                + "reject a request");
        assertThat(run("a-long-enough-password\n", "users", "add", "--name=" + ME, "--role=FINANCE")).isZero();

        assertThat(run("", "actions", "approve", "--request-id=" + request)).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: request " + request + " is " + ME + "'s own: another person must "
                + "approve or reject it");
        assertThat(run("", "actions", "list", "--status=REQUESTED", "--format=csv")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).last().asString()
                .startsWith(request + ",reissue,RF-4A,,,REQUESTED," + ME + ",");
    }

    @Test
    @Order(4)
    void aCardNumberAnUnfitActionAndWrongUsageAreRefusedWithExitTwo() {
        assertThat(run("", "actions", "request", "--action=reissue", "--refund-id=RF-4A", "--reason=x",
                "--payment-reference=4111111111111111")).isEqualTo(2);
        assertThat(said()).contains("looks like a card number").doesNotContain("4111111111111111");
        assertThat(run("", "actions", "request", "--action=cancel", "--refund-id=RF-4A", "--reason=x")).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: refund RF-4A is FAILED: only a WAITING_REFUND or "
                + "HELD refund can be cancelled");
        assertThat(run("", "actions")).isEqualTo(2);
        assertThat(said()).startsWith("refund-settlement: actions needs one of approve, list, reject, request");
        assertThat(run("", "actions", "request", "--action=reissue", "--reason=x")).isEqualTo(2);
        assertThat(said()).startsWith("refund-settlement: actions request needs --refund-id=...");
        assertThat(run("", "actions", "approve", "--refund-id=RF-4A")).isEqualTo(2);
        assertThat(said()).startsWith("refund-settlement: unknown option --refund-id for actions approve");
        assertThat(run("", "users", "disable", "--name=" + ME)).isZero();
        assertThat(run("", "actions", "request", "--action=paid-outside", "--refund-id=RF-4A", "--reason=x",
                "--outside-reference=BT-1")).isEqualTo(2);
        assertThat(said()).isEqualTo("refund-settlement: refused: the account of " + ME + " is disabled");
    }
}
