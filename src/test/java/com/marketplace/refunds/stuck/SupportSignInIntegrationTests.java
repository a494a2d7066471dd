package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.LoopbackClient.Answer;
import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;

/**
 * Signing in under attack, over HTTP from several loopback addresses: names match exactly, failed
 * sign-ins are logged and throttled per account and address without paying bcrypt, a signed-in API
 * client does not pay bcrypt on every request, and an attacker elsewhere neither locks support out
 * nor slows it down. Each test fails from an address of its own, so their throttles never meet.
 */
@ExtendWith(OutputCaptureExtension.class)
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = {SupportWebConfiguration.class, SupportSignInIntegrationTests.BcryptChecks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refunds.support.sign-in.max-failures=3", "refunds.support.sign-in.pause=10m"})
class SupportSignInIntegrationTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportSignInIntegrationTests.class.getSimpleName());
    private static final String WRONG = "not-the-password-42";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    /** Counts the password checks the site makes: each one is a bcrypt computation. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BcryptChecks {

        static final AtomicInteger MATCHES = new AtomicInteger();

        @Bean
        static BeanPostProcessor countPasswordChecks() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof PasswordEncoder encoder)) {
                        return bean;
                    }
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence raw) {
                            return encoder.encode(raw);
                        }

                        @Override
                        public boolean matches(CharSequence raw, String encoded) {
                            MATCHES.incrementAndGet();
                            return encoder.matches(raw, encoded);
                        }
                    };
                }
            };
        }
    }

    int checksBefore;

    @BeforeEach
    void countFromHere() {
        checksBefore = BcryptChecks.MATCHES.get();
    }

    @Test
    void namesMatchExactlyOnTheFormAndOverHttpBasic() {
        LoopbackClient person = from("127.0.0.21");

        Answer upperCaseForm = person.signIn("SUPPORT", SupportSiteFixture.PASSWORD);
        Answer spacedForm = from("127.0.0.21").signIn("support ", SupportSiteFixture.PASSWORD);
        Answer upperCaseApi = person.api("/api/stuck-refunds", "Support", SupportSiteFixture.PASSWORD);
        Answer spacedApi = from("127.0.0.20").api("/api/stuck-refunds", " support", SupportSiteFixture.PASSWORD);
        Answer exactForm = from("127.0.0.22").signIn("support", SupportSiteFixture.PASSWORD);
        Answer exactApi = from("127.0.0.22").api("/api/stuck-refunds", "support", SupportSiteFixture.PASSWORD);

        assertThat(upperCaseForm.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(spacedForm.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(upperCaseApi.status()).isEqualTo(401);
        assertThat(spacedApi.status()).isEqualTo(401);
        assertThat(exactForm.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/support/stuck-refunds"));
        assertThat(exactApi.status()).isEqualTo(200);
    }

    @Test
    void errorAndUnknownPathsAnswerAProperStatusAndLeakNothing() {
        LoopbackClient stranger = from("127.0.0.23");
        LoopbackClient signedIn = from("127.0.0.24");
        signedIn.signIn("support", SupportSiteFixture.PASSWORD);

        Answer error = stranger.get("/error");
        Answer errorAsJson = stranger.get("/error", "Accept", "application/json");
        Answer unknownApi = stranger.get("/api/nothing-here");
        Answer unknownApiSignedIn = stranger.api("/api/nothing-here", "support", SupportSiteFixture.PASSWORD);
        Answer unknownPage = stranger.get("/support/nothing-here");
        Answer unknownPageSignedIn = signedIn.get("/support/nothing-here");
        Answer errorSignedIn = signedIn.get("/error");

        assertThat(error.status()).isEqualTo(404);
        assertThat(errorAsJson.status()).isEqualTo(404);
        assertThat(unknownApi.status()).isEqualTo(401);
        assertThat(unknownApiSignedIn.status()).isEqualTo(404);
        assertThat(unknownApiSignedIn.body()).contains("\"error\":\"not_found\"");
        assertThat(unknownPage.status()).isEqualTo(302);
        assertThat(unknownPage.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(unknownPageSignedIn.status()).isEqualTo(404);
        assertThat(unknownPageSignedIn.body()).contains("There is no such page");
        assertThat(errorSignedIn.status()).isEqualTo(404);
        for (Answer answer : List.of(error, errorAsJson, unknownApiSignedIn, unknownPageSignedIn, errorSignedIn)) {
            assertThat(answer.body()).doesNotContain("999", "\"path\"", "trace", "Exception", "nothing-here", "RF-");
        }
    }

    @Test
    void failedApiSignInsArePausedPerAccountAndAddressWithoutPayingBcryptAndLogged(CapturedOutput output) {
        LoopbackClient attacker = from("127.0.0.25");

        List<Answer> checked = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            checked.add(attacker.api("/api/stuck-refunds", "support", WRONG));
        }
        int checksWhenPaused = BcryptChecks.MATCHES.get();
        List<Answer> paused = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            paused.add(attacker.api("/api/stuck-refunds", "support", WRONG));
        }

        assertThat(checked).extracting(Answer::status).containsOnly(401);
        assertThat(checksWhenPaused - checksBefore).as("each checked attempt pays one bcrypt").isEqualTo(3);
        assertThat(paused).extracting(Answer::status).containsOnly(429);
        assertThat(paused.get(0).header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 600));
        assertThat(paused.get(0).body()).contains("\"error\":\"too_many_attempts\"").doesNotContain("RF-");
        assertThat(BcryptChecks.MATCHES.get()).as("a paused attempt never reaches the password encoder")
                .isEqualTo(checksWhenPaused);
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN")
                && line.contains("Failed sign-in as \"support\" from 127.0.0.25"))).hasSize(3);
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN")
                && line.contains("from 127.0.0.25") && line.contains("paused"))).isNotEmpty();
        assertThat(output.getOut()).doesNotContain(WRONG, SupportSiteFixture.PASSWORD);
    }

    @Test
    void theSignInFormIsPausedWithAMessageWithoutPayingBcrypt() {
        LoopbackClient attacker = from("127.0.0.26");

        List<Answer> checked = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            checked.add(attacker.signIn("support", WRONG));
        }
        int checksWhenPaused = BcryptChecks.MATCHES.get();
        Answer paused = attacker.signIn("support", WRONG);
        Answer form = attacker.get(paused.header("Location").orElseThrow().replaceFirst("^http://[^/]+", ""));

        assertThat(checked).extracting(answer -> answer.header("Location").orElseThrow())
                .allSatisfy(location -> assertThat(location).endsWith("/login?error"));
        assertThat(checksWhenPaused - checksBefore).isEqualTo(3);
        assertThat(paused.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?paused"));
        assertThat(form.body()).contains("Too many failed sign-ins from this address");
        assertThat(BcryptChecks.MATCHES.get()).isEqualTo(checksWhenPaused);
    }

    @Test
    void anAccountNameIsMadeSafeForTheLogLine(CapturedOutput output) {
        from("127.0.0.27").api("/api/stuck-refunds", "evil\r\n12.00.00.000 INFO  Forged - all fine\u001b[31m", WRONG);
        from("127.0.0.27").signIn("\"quoted\" \\ \u00e9t\u00e9\n" + "x".repeat(100), WRONG);

        assertThat(output.getOut()).contains("Failed sign-in as \"evil\\r\\n12.00.00.000 INFO  Forged - all fine\\u001b[31m\" "
                + "from 127.0.0.27");
        assertThat(output.getOut()).contains("Failed sign-in as \"\\\"quoted\\\" \\\\ \\u00e9t\\u00e9\\n" + "x".repeat(49)
                + "\"... from 127.0.0.27");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("12.00.00.000 INFO  Forged"));
    }

    @Test
    void aCredentialVerifiedAMomentAgoStillServesFromAnAddressAnAttackerHasPaused() {
        LoopbackClient sharedAddress = from("127.0.0.29");
        Answer before = sharedAddress.api("/api/stuck-refunds", "support", SupportSiteFixture.PASSWORD);
        for (int attempt = 0; attempt < 3; attempt++) {
            sharedAddress.api("/api/stuck-refunds", "support", WRONG);
        }
        int checksWhenPaused = BcryptChecks.MATCHES.get();

        Answer support = sharedAddress.api("/api/stuck-refunds", "support", SupportSiteFixture.PASSWORD);
        Answer attacker = sharedAddress.api("/api/stuck-refunds", "support", WRONG);

        assertThat(before.status()).isEqualTo(200);
        assertThat(support.status()).isEqualTo(200);
        assertThat(attacker.status()).isEqualTo(429);
        assertThat(BcryptChecks.MATCHES.get()).isEqualTo(checksWhenPaused);
    }

    @Test
    void anAttackerElsewhereNeitherLocksSupportOutNorMakesItPayBcryptPerRequest() throws Exception {
        SupportHttp support = new SupportHttp(port);
        LoopbackClient attacker = from("127.0.0.28");

        List<Integer> supportAnswers = new ArrayList<>();
        List<Future<Integer>> attack = new ArrayList<>();
        ExecutorService attackers = Executors.newFixedThreadPool(20);
        try {
            for (int attempt = 0; attempt < 200; attempt++) {
                attack.add(attackers.submit(() -> attacker.api("/api/stuck-refunds", "support", WRONG).status()));
            }
            for (int request = 0; request < 30; request++) {
                supportAnswers.add(support.api("/api/stuck-refunds").statusCode());
            }
        }
        finally {
            attackers.shutdown();
        }
        List<Integer> attackAnswers = new ArrayList<>();
        for (Future<Integer> answer : attack) {
            attackAnswers.add(answer.get());
        }
        Answer supportSignsIn = from("127.0.0.1").signIn("support", SupportSiteFixture.PASSWORD);

        assertThat(supportAnswers).containsOnly(200);
        assertThat(attackAnswers.stream().filter(status -> status == 401)).as("checked attempts").hasSize(3);
        assertThat(attackAnswers.stream().filter(status -> status == 429)).hasSize(197);
        assertThat(BcryptChecks.MATCHES.get() - checksBefore)
                .as("3 failures of the attacker, and at most one check of support's credential for 30 requests")
                .isBetween(3, 4);
        assertThat(supportSignsIn.header("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/support/stuck-refunds"));
    }

    @Test
    void aSignedInApiClientDoesNotPayBcryptOnEveryRequest() {
        SupportHttp support = new SupportHttp(port);

        List<Integer> answers = new ArrayList<>();
        for (int request = 0; request < 20; request++) {
            answers.add(support.api("/api/stuck-refunds").statusCode());
        }

        assertThat(answers).containsOnly(200);
        assertThat(BcryptChecks.MATCHES.get() - checksBefore).isLessThanOrEqualTo(1);
    }

    private LoopbackClient from(String address) {
        return new LoopbackClient(address, port);
    }
}
