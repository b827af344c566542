<#--
  Storezero sign-in: the identity providers ("Continue with Facebook") are the primary action. The
  username/password form appears below them in realms that require passwords (realm.password), unless the realm
  attribute storezero.passwordForm is "false": the storezero realm's users come from Facebook and have no password,
  while the realm keeps requiredCredentials [password] so that the flows Keycloak creates for it check passwords
  (advisory SZ-2026-01 in CHANGELOG.md).
  Plain links and a plain form: everything works without JavaScript.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#assign passwordForm = realm.password && (realm.getAttribute("storezero.passwordForm")!"true") != "false">
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=false; section>
    <#if section = "header">
        ${msg("storezeroLoginTitle")}
    <#elseif section = "form">
        <div id="kc-form" class="storezero-login">
            <p class="storezero-lead">${msg("storezeroLoginLead")}</p>
            <#if social.providers?? && social.providers?has_content>
                <ul id="storezero-providers" class="storezero-providers" aria-label="${msg("storezeroProvidersLabel")}">
                    <#list social.providers as p>
                        <li>
                            <a id="social-${p.alias}" href="${p.loginUrl}"
                               class="storezero-idp storezero-idp-${p.providerId} storezero-idp-alias-${p.alias}">
                                <#if p.alias == "facebook" || p.providerId == "facebook">
                                    <svg class="storezero-idp-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">
                                        <path fill="currentColor" d="M24 12.07C24 5.4 18.63 0 12 0S0 5.4 0 12.07C0 18.1 4.39 23.09 10.13 24v-8.44H7.08v-3.49h3.05V9.41c0-3.02 1.79-4.7 4.53-4.7 1.31 0 2.69.24 2.69.24v2.97h-1.51c-1.5 0-1.96.93-1.96 1.89v2.26h3.33l-.53 3.49h-2.8V24C19.61 23.09 24 18.1 24 12.07z"/>
                                    </svg>
                                </#if>
                                <span>${msg("storezeroContinueWith", p.displayName)}</span>
                            </a>
                        </li>
                    </#list>
                </ul>
            <#elseif !passwordForm>
                <p id="storezero-no-provider" class="storezero-note" role="alert">${msg("storezeroNoProvider")}</p>
            </#if>

            <#if passwordForm>
                <#if social.providers?? && social.providers?has_content>
                    <p class="storezero-separator"><span>${msg("storezeroOrPassword")}</span></p>
                </#if>
                <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                    <#assign label>
                        <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
                    </#assign>
                    <#if !usernameHidden??>
                        <@field.input name="username" label=label error=messagesPerField.getFirstError('username','password') autocomplete="username" value=login.username!'' />
                    </#if>
                    <@field.password name="password" label=msg("password") error="" forgotPassword=realm.resetPasswordAllowed autocomplete="current-password" />
                    <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                    <@buttons.actionGroup>
                        <@buttons.button id="kc-login" name="login" label="doLogIn" type="secondary" />
                    </@buttons.actionGroup>
                </form>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
