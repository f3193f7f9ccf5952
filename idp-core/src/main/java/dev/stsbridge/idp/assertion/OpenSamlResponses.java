package dev.stsbridge.idp.assertion;

import javax.xml.namespace.QName;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;

import dev.stsbridge.xml.OpenSaml;

/** Renders {@link ResponseContent} as the OpenSAML 4 object model (unsigned, not yet marshalled). */
final class OpenSamlResponses {

    static {
        OpenSaml.initialize();
    }

    private OpenSamlResponses() {
    }

    /** The Response without its assertion (the assertion is signed on its own before it is added). */
    static Response envelope(ResponseContent content) {
        Response response = build(Response.DEFAULT_ELEMENT_NAME);
        response.setID(content.responseId());
        response.setIssueInstant(content.issueInstant());
        response.setVersion(SAMLVersion.VERSION_20);
        response.setDestination(content.destination());
        content.inResponseTo().ifPresent(response::setInResponseTo);
        response.setIssuer(issuer(content));
        Status status = build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(StatusCode.SUCCESS);
        status.setStatusCode(code);
        response.setStatus(status);
        return response;
    }

    static Assertion assertion(ResponseContent content) {
        Assertion assertion = build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID(content.assertionId());
        assertion.setIssueInstant(content.issueInstant());
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setIssuer(issuer(content));
        assertion.setSubject(subject(content));
        assertion.setConditions(conditions(content));
        assertion.getAuthnStatements().add(authnStatement(content));
        if (!content.attributes().isEmpty()) {
            assertion.getAttributeStatements().add(attributeStatement(content));
        }
        return assertion;
    }

    private static Issuer issuer(ResponseContent content) {
        Issuer issuer = build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(content.issuer());
        return issuer;
    }

    private static Subject subject(ResponseContent content) {
        NameID nameId = build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(content.nameId().value());
        nameId.setFormat(content.nameId().format());
        SubjectConfirmationData data = build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        data.setRecipient(content.destination());
        data.setNotOnOrAfter(content.notOnOrAfter());
        content.inResponseTo().ifPresent(data::setInResponseTo);
        SubjectConfirmation confirmation = build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(SubjectConfirmation.METHOD_BEARER);
        confirmation.setSubjectConfirmationData(data);
        Subject subject = build(Subject.DEFAULT_ELEMENT_NAME);
        subject.setNameID(nameId);
        subject.getSubjectConfirmations().add(confirmation);
        return subject;
    }

    private static Conditions conditions(ResponseContent content) {
        Audience audience = build(Audience.DEFAULT_ELEMENT_NAME);
        audience.setURI(content.audience());
        AudienceRestriction restriction = build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        restriction.getAudiences().add(audience);
        Conditions conditions = build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(content.notBefore());
        conditions.setNotOnOrAfter(content.notOnOrAfter());
        conditions.getAudienceRestrictions().add(restriction);
        return conditions;
    }

    private static AuthnStatement authnStatement(ResponseContent content) {
        AuthnContextClassRef classRef = build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
        classRef.setURI(content.authnContextClassRef());
        AuthnContext context = build(AuthnContext.DEFAULT_ELEMENT_NAME);
        context.setAuthnContextClassRef(classRef);
        AuthnStatement statement = build(AuthnStatement.DEFAULT_ELEMENT_NAME);
        statement.setAuthnInstant(content.authnInstant());
        statement.setSessionIndex(content.sessionIndex());
        statement.setSessionNotOnOrAfter(content.sessionNotOnOrAfter());
        statement.setAuthnContext(context);
        return statement;
    }

    private static AttributeStatement attributeStatement(ResponseContent content) {
        AttributeStatement statement = build(AttributeStatement.DEFAULT_ELEMENT_NAME);
        for (SamlAttribute source : content.attributes()) {
            Attribute attribute = build(Attribute.DEFAULT_ELEMENT_NAME);
            attribute.setName(source.name());
            attribute.setNameFormat(Attribute.URI_REFERENCE);
            for (String value : source.values()) {
                XSString xsString = (XSString) XMLObjectProviderRegistrySupport.getBuilderFactory()
                        .getBuilderOrThrow(XSString.TYPE_NAME)
                        .buildObject(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
                xsString.setValue(value);
                attribute.getAttributeValues().add(xsString);
            }
            statement.getAttributes().add(attribute);
        }
        return statement;
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilderOrThrow(name).buildObject(name);
    }
}
