import { useId } from 'react';
import { BOT_FEATURES, type BotFeature } from '../../../../../src-shared/bots';
import { Switch } from '../../../ui/Switch';
import { FEATURE_INFO } from '../labels';

type FeatureListProps = {
  features: Record<string, boolean>;
  onToggle: (feature: BotFeature, enabled: boolean) => void;
};

export const FeatureList = ({ features, onToggle }: FeatureListProps) => {
  const idBase = useId();
  return (
    <section className="card" aria-labelledby={`${idBase}-title`}>
      <header className="card-header">
        <h3 id={`${idBase}-title`}>Features</h3>
        <p>Switch on what this bot should do. Changes apply at once, even while it is online.</p>
      </header>
      <ul className="feature-list">
        {BOT_FEATURES.map((feature) => {
          const { label, description } = FEATURE_INFO[feature];
          const labelId = `${idBase}-${feature}-label`;
          const descriptionId = `${idBase}-${feature}-description`;
          return (
            <li key={feature} className="feature-row">
              <div className="feature-text">
                <span id={labelId} className="feature-label">
                  {label}
                </span>
                <span id={descriptionId} className="feature-description">
                  {description}
                </span>
              </div>
              <Switch
                checked={features[feature] === true}
                labelledBy={labelId}
                describedBy={descriptionId}
                onChange={(enabled) => onToggle(feature, enabled)}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
};
