package com.marketplace.refunds;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import com.marketplace.refunds.cli.Cli;

/**
 * The command line of refund-settlement: {@code nightly}, {@code stuck}, {@code generate},
 * {@code simulate-processor}, and {@code serve}. The batch commands run without a web server and
 * without the support site's beans, which are an application of their own ({@code stuck.SupportSite}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "com\\.marketplace\\.refunds\\.stuck\\.internal\\.web\\..*")})
public class RefundSettlementApplication {

    public static void main(String[] args) {
        System.exit(new Cli(RefundSettlementApplication.class).run(args));
    }
}
