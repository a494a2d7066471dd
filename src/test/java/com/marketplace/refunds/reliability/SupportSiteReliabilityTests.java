package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.stuck.SupportHttp;
import com.marketplace.refunds.stuck.SupportSite;
import com.marketplace.refunds.stuck.SupportSiteFixture;
import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The support site while its database goes away: sessions cut, then the database refusing every
 * connection. Each answer meanwhile is a clean 503 saying to try again, never a stack trace; after a
 * cut only the request that met a dead connection fails (the site then drops them all), and the site
 * serves again once the database is back, without a restart.
 */
class SupportSiteReliabilityTests {

    private static final String NAME = "rel_support_site";
    private static final String DATABASE = SupportSiteFixture.create(NAME);

    ConfigurableApplicationContext site;
    SupportHttp browser;

    @BeforeEach
    void startTheSite() {
        site = new SpringApplicationBuilder(SupportWebConfiguration.class).web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--refunds.support.datasource.url=" + DATABASE,
                        "--refunds.support.datasource.username=" + SupportSiteFixture.READER);
        String url = SupportSite.url(site);
        browser = new SupportHttp(Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")));
    }

    @AfterEach
    void stopTheSite() {
        TestDatabase.admin("ALTER DATABASE " + TestDatabase.nameFor(NAME) + " ALLOW_CONNECTIONS true");
        site.close();
    }

    @Test
    void servesTheFullListAgainRightAfterItsSessionsAreCut() {
        assertThat(browser.api("/api/stuck-refunds").statusCode()).isEqualTo(200);

        int cut = cutTheSiteOff();
        List<Integer> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 2 && !answers.contains(200); attempt++) {
            HttpResponse<String> answer = browser.api("/api/stuck-refunds");
            answers.add(answer.statusCode());
            assertThat(answer.body()).doesNotContain("Exception", "\tat ");
        }

        assertThat(cut).as("sessions of the site terminated").isPositive();
        assertThat(answers).as("every answer 200 or a clean 503").isSubsetOf(200, 503);
        assertThat(answers.stream().filter(status -> status == 503)).as("at most one 503").hasSizeLessThanOrEqualTo(1);
        assertThat(answers.get(answers.size() - 1)).as("then the pool has reconnected").isEqualTo(200);
        assertThat(browser.api("/api/stuck-refunds").body()).contains("\"count\":7");
    }

    @Test
    void answers503WhileTheDatabaseRefusesConnectionsAndRecoversWithoutARestart() {
        browser.signIn("support", SupportSiteFixture.PASSWORD);
        TestDatabase.admin("ALTER DATABASE " + TestDatabase.nameFor(NAME) + " ALLOW_CONNECTIONS false");
        cutTheSiteOff();

        HttpResponse<String> api = browser.api("/api/stuck-refunds?paymentMethod=CARD");
        HttpResponse<String> page = browser.get("/support/stuck-refunds?paymentMethod=CARD");

        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.body()).contains("\"error\":\"database_unavailable\"", "try again in a minute")
                .doesNotContain("Exception", "\tat ", "jdbc:");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("The refunds database cannot be read just now")
                .doesNotContain("Exception", "\tat ", "jdbc:");

        TestDatabase.admin("ALTER DATABASE " + TestDatabase.nameFor(NAME) + " ALLOW_CONNECTIONS true");

        assertThat(browser.api("/api/stuck-refunds?paymentMethod=CARD").body()).contains("\"count\":4");
        assertThat(browser.get("/support/stuck-refunds?paymentMethod=CARD").body())
                .contains("4 stuck refunds as of 2027-01-31");
    }

    /** The site is the only one connected to its database: every session there is the site's. */
    private static int cutTheSiteOff() {
        return TestDatabase.cutOff(DATABASE);
    }
}
