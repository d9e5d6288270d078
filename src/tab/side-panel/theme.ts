import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';

/** Teams' three themes (teams-js `app.theme`): "default", "dark", "contrast". */
export function themeFor(name: string): Theme {
  if (name === 'dark') return teamsDarkTheme;
  if (name === 'contrast') return teamsHighContrastTheme;
  return teamsLightTheme;
}
