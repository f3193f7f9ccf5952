package dev.stsbridge.idp.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * The access control the in-memory server lacks. Clients cannot write (add, modify, delete, rename, compare,
 * extended operations such as password modify are refused; the LDIF is loaded in-process, which this does
 * not see), and password hashes never leave it: search results lose {@code userPassword}, and searches that
 * filter on it (which could read a hash bit by bit) are refused.
 */
final class ReadOnlyInterceptor extends InMemoryOperationInterceptor {

    static final String PASSWORD = "userPassword";
    static final String READ_ONLY = "the embedded directory is read-only";

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processCompareRequest(InMemoryInterceptedCompareRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processExtendedRequest(InMemoryInterceptedExtendedRequest request) throws LDAPException {
        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, READ_ONLY);
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
        if (mentionsPassword(request.getRequest().getFilter())) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "searches may not filter on " + PASSWORD);
        }
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
        Entry entry = result.getSearchEntry();
        if (entry.hasAttribute(PASSWORD)) {
            Entry copy = entry.duplicate();
            copy.removeAttribute(PASSWORD);
            result.setSearchEntry(copy);
        }
    }

    private static boolean mentionsPassword(Filter filter) {
        for (Filter component : filter.getComponents()) {
            if (mentionsPassword(component)) {
                return true;
            }
        }
        if (filter.getNOTComponent() != null && mentionsPassword(filter.getNOTComponent())) {
            return true;
        }
        String attribute = filter.getAttributeName();
        return attribute != null && attribute.split(";", 2)[0].equalsIgnoreCase(PASSWORD);
    }
}
