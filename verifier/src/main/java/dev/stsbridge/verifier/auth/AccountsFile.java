package dev.stsbridge.verifier.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the accounts of the model from a file ({@code --accounts FILE}), JSON ({@code .json}) or YAML:
 * <pre>
 * accounts:
 *   - id: "111122223333"
 *     alias: prod
 *     access-key-id: AKIA...
 *     secret-access-key: ...
 * </pre>
 * Every refusal names the file and the entry.
 */
public final class AccountsFile {

    private AccountsFile() {
    }

    record Document(@JsonProperty(value = "accounts", required = true) List<Entry> accounts) {
    }

    record Entry(@JsonProperty("id") String id, @JsonProperty("alias") String alias,
                 @JsonProperty("access-key-id") String accessKeyId,
                 @JsonProperty("secret-access-key") String secretAccessKey) {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong */
    public static Accounts load(Path file) {
        Document document = read(file);
        if (document.accounts() == null || document.accounts().isEmpty()) {
            throw new IllegalArgumentException("accounts file " + file + ": 'accounts' lists no account");
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < document.accounts().size(); i++) {
            accounts.add(account(file, i, document.accounts().get(i)));
        }
        try {
            return new Accounts(accounts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Document read(Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            return mapper.readValue(file.toFile(), Document.class);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException("accounts file " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("accounts file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Account account(Path file, int index, Entry entry) {
        String where = "accounts file " + file + ": accounts[" + index + "]";
        if (entry == null) {
            throw new IllegalArgumentException(where + " is empty");
        }
        for (String[] field : new String[][] {{"id", entry.id()}, {"access-key-id", entry.accessKeyId()},
                {"secret-access-key", entry.secretAccessKey()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException(where + ": '" + field[0] + "' is missing");
            }
        }
        try {
            return new Account(entry.id(), Optional.ofNullable(entry.alias()).filter(a -> !a.isBlank()),
                    entry.accessKeyId(), entry.secretAccessKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
