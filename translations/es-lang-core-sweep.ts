<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
  <context>
    <name>ChangeLanguageDialog</name>
    <message>
      <source>Change language</source>
      <translation>Cambiar idioma</translation>
    </message>
    <message>
      <source>There is no other language to choose.</source>
      <translation>No hay otro idioma para elegir.</translation>
    </message>
    <message>
      <source>Give the reason for the change (it goes in the audit trail).</source>
      <translation>Indique el motivo del cambio (queda en el registro de auditoría).</translation>
    </message>
    <message>
      <source>The language of what the participant takes home: the take-home schedule and the personal calendar.</source>
      <translation>El idioma de los documentos que el participante se lleva a casa: el cronograma para llevar a casa y el calendario personal.</translation>
    </message>
    <message>
      <source>Current language:</source>
      <translation>Idioma actual:</translation>
    </message>
    <message>
      <source>&amp;New language:</source>
      <translation>&amp;Nuevo idioma:</translation>
    </message>
    <message>
      <source>New language</source>
      <translation>Nuevo idioma</translation>
    </message>
    <message>
      <source>&amp;Reason:</source>
      <translation>&amp;Motivo:</translation>
    </message>
    <message>
      <source>Reason for the language change</source>
      <translation>Motivo del cambio de idioma</translation>
    </message>
    <message>
      <source>Goes in the audit trail, e.g. reads Spanish at home</source>
      <translation>Queda en el registro de auditoría; p. ej., lee en español en casa</translation>
    </message>
  </context>
  <context>
    <name>EnrolDialog</name>
    <message>
      <source>The cohorts of protocol {id} version {version}, the version this site enrols on (File › Site settings)</source>
      <translation>Las cohortes del protocolo {id}, versión {version}, la versión con la que inscribe este centro (Archivo › Configuración del centro)</translation>
    </message>
    <message>
      <source>e.g. {example}</source>
      <translation>p. ej., {example}</translation>
    </message>
    <message>
      <source>Enrol</source>
      <translation>Inscribir</translation>
    </message>
    <message>
      <source>(site format)</source>
      <translation>(formato del centro)</translation>
    </message>
    <message>
      <source>Cohort {cohort}: {doses} doses, each planned {days} days after the one before. </source>
      <translation>Cohorte {cohort}: {doses} dosis, cada una planificada {days} días después de la anterior. </translation>
    </message>
    <message>
      <source>Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates that keep the dose days and the fixed days after them on open days.</source>
      <translation>Infusión (día 1) planificada para el {day}. Use luego Planificar acondicionamiento para ver fechas de inicio que dejen los días de dosis y los días fijos posteriores en días hábiles del centro.</translation>
    </message>
    <message>
      <source>Infusion (Day 1) planned for {day}. Use Plan conditioning later to see start dates that keep Days 1-4 on open days.</source>
      <translation>Infusión (día 1) planificada para el {day}. Use luego Planificar acondicionamiento para ver fechas de inicio que dejen los días 1 a 4 en días hábiles del centro.</translation>
    </message>
    <message>
      <source>Conditioning can be planned later (Participant › Plan conditioning).</source>
      <translation>El acondicionamiento se puede planificar más adelante (Participante › Planificar acondicionamiento).</translation>
    </message>
    <message>
      <source>Enter the participant ID.</source>
      <translation>Ingrese el ID del participante.</translation>
    </message>
    <message>
      <source>'{pid}' does not look like a participant ID of this site (e.g. {example}).</source>
      <translation>«{pid}» no parece un ID de participante de este centro (p. ej., {example}).</translation>
    </message>
    <message>
      <source>Initials are 2 to 4 letters (no names are stored).</source>
      <translation>Las iniciales son de 2 a 4 letras (no se guardan nombres).</translation>
    </message>
    <message>
      <source>screening date</source>
      <translation>fecha de selección</translation>
    </message>
    <message>
      <source>conditioning start</source>
      <translation>inicio del acondicionamiento</translation>
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation>Idio&amp;ma:</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Idioma</translation>
    </message>
    <message>
      <source>The language of what the participant takes home (the take-home schedule, the personal calendar)</source>
      <translation>El idioma de los documentos que el participante se lleva a casa (el cronograma para llevar a casa, el calendario personal)</translation>
    </message>
  </context>
  <context>
    <name>ParticipantView</name>
    <message>
      <source> · takes home texts in &lt;b&gt;{language}&lt;/b&gt;</source>
      <extracomment>Marks of the month calendar's visit lines (text, so they survive greyscale printing and colour blindness). Marks a dose day (a visit where a dose is given) in the month calendar and the worklist. No-break spaces: a wrapped legend never leaves a mark at the end of a line without its word.</extracomment>
      <translation> · documentos para llevar a casa en &lt;b&gt;{language}&lt;/b&gt;</translation>
    </message>
  </context>
  <context>
    <name>SiteSettingsDialog</name>
    <message>
      <source>That date is already in the list.</source>
      <translation>Esa fecha ya está en la lista.</translation>
    </message>
    <message>
      <source>The site needs a name.</source>
      <translation>El centro necesita un nombre.</translation>
    </message>
    <message>
      <source>The calendar server is being checked: wait for its answer.</source>
      <translation>Se está comprobando el servidor del calendario: espere su respuesta.</translation>
    </message>
    <message>
      <source>Give the reason for the change (it goes in the audit trail).</source>
      <translation>Indique el motivo del cambio (queda en el registro de auditoría).</translation>
    </message>
    <message>
      <source>the site settings</source>
      <translation>la configuración del centro</translation>
    </message>
    <message>
      <source>The calendar is not set up: {message} The site settings themselves are saved.</source>
      <translation>El calendario no está configurado: {message} La configuración del centro sí se guardó.</translation>
    </message>
    <message>
      <source>Study t&amp;eam phone:</source>
      <translation>Teléfono del &amp;equipo del estudio:</translation>
    </message>
    <message>
      <source>e.g. +1 (555) 010-0100 ext 12</source>
      <translation>p. ej., +1 (555) 010-0100 ext 12</translation>
    </message>
    <message>
      <source>The number participants call, printed on what they take home (digits, spaces, + ( ) - . and ext)</source>
      <translation>El número al que llaman los participantes, impreso en lo que se llevan a casa (dígitos, espacios, + ( ) - . y ext)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Change language…</source>
      <translation>Cambiar idioma…</translation>
    </message>
    <message>
      <source>The language of what the participant takes home (take-home schedule, personal calendar); a reason is required</source>
      <translation>El idioma de los documentos que el participante se lleva a casa (cronograma para llevar a casa, calendario personal); se requiere un motivo</translation>
    </message>
  </context>
</TS>