package dev.stsbridge.verifier.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts of the model, looked up by access key ID or by account ID. */
public final class Accounts {

    private final List<Account> all;
    private final Map<String, Account> byAccessKey = new LinkedHashMap<>();
    private final Map<String, Account> byId = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException when an account ID or an access key ID appears twice, or the list is empty
     */
    public Accounts(List<Account> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        this.all = List.copyOf(accounts);
        for (Account account : all) {
            if (byId.putIfAbsent(account.id(), account) != null) {
                throw new IllegalArgumentException("account " + account.id() + " appears twice");
            }
            if (byAccessKey.putIfAbsent(account.accessKeyId(), account) != null) {
                throw new IllegalArgumentException("access key id " + account.accessKeyId() + " appears twice");
            }
        }
    }

    /**
     * The demo accounts of DESIGN.md, keyed with AWS's documented example key pairs: 111122223333 ("prod") and
     * 444455556666 ("dev"). The secrets are public documentation examples, not secrets.
     */
    public static Accounts demo() {
        return new Accounts(List.of(
                new Account("111122223333", Optional.of("prod"), "AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                new Account("444455556666", Optional.of("dev"), "AKIAI44QH8DHBEXAMPLE",
                        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")));
    }

    public Optional<Account> byAccessKeyId(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    public Optional<Account> byId(String accountId) {
        return Optional.ofNullable(byId.get(accountId));
    }

    /** The account's alias, if it has one (for the console sign-in pages: "Account: alias (id)"). */
    public Optional<String> alias(String accountId) {
        return byId(accountId).flatMap(Account::alias);
    }

    public List<Account> all() {
        return all;
    }
}
