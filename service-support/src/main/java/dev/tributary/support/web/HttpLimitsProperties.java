package dev.tributary.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestBytes the largest body of every call a service gives no limit of its own (ADR 0023) */
@ConfigurationProperties("cdp.http")
public record HttpLimitsProperties(@DefaultValue("64KB") DataSize maxRequestBytes) {
}
