<#macro content>
    <p id="storezero-footer" class="storezero-footer">${msg("storezeroFooter")}</p>
</#macro>
