<#--
  Storezero error page: the message as an alert, then one clear way back to the shop.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${kcSanitize(msg("errorTitle"))?no_esc}
    <#elseif section = "form">
        <div id="kc-error-message" class="storezero-page-message">
            <p class="instruction" role="alert">${kcSanitize(message.summary)?no_esc}</p>
            <#if traceId??>
                <p class="instruction storezero-note" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
            </#if>
            <#if !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" class="storezero-button-secondary" href="${client.baseUrl}">${msg("storezeroBackToShop")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
