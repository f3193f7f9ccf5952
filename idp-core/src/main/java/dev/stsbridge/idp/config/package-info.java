/**
 * Step 0 of the IdP flow, configure: {@code stsbridge.yaml} read into small records, one per concern, each
 * validated in its compact constructor, so a record that exists is valid whether it came from YAML or from
 * code. Errors name the file, the line and the key ({@link dev.stsbridge.idp.config.ConfigException}).
 *
 * <p>A {@code null} passed to a record's constructor means "not set" (that is how Jackson hands over an absent
 * key) and is replaced by the documented default or refused as required; accessors never return {@code null}.
 * Optional values are {@code Optional}.
 */
package dev.stsbridge.idp.config;
