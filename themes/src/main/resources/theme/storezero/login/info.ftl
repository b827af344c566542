<#--
  Storezero information page (after logout, e-mail actions, ...): the message, then the next step as a button.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>
            ${kcSanitize(msg("${messageHeader}"))?no_esc}
        <#else>
            ${message.summary}
        </#if>
    <#elseif section = "form">
        <div id="kc-info-message" class="storezero-page-message">
            <p class="instruction" role="status">${message.summary}<#if requiredActions??><#list requiredActions>: <b><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></b></#list></#if></p>
            <#if !skipLink??>
                <#if pageRedirectUri?has_content>
                    <p><a class="storezero-button-secondary" href="${pageRedirectUri}">${msg("storezeroBackToShop")}</a></p>
                <#elseif actionUri?has_content>
                    <p><a class="storezero-button-secondary" href="${actionUri}">${msg("proceedWithAction")}</a></p>
                <#elseif (client.baseUrl)?has_content>
                    <p><a class="storezero-button-secondary" href="${client.baseUrl}">${msg("storezeroBackToShop")}</a></p>
                </#if>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
