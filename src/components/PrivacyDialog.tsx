import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Modal } from './Modal';
import { errorMessage } from '../api/errors';
import { PRIVACY_POINTS } from '../domain/privacy';
import { AGREE_BUTTON_ID } from '../domain/platformPrivacy';
import { ROUTES } from '../domain/routes';
import './PrivacyDialog.scss';

interface Props {
  visible: boolean;
  /** Records consent (user.acceptPrivacy); rejects with an ApiError on failure. */
  onAgree: () => Promise<unknown>;
  onDisagree: () => void;
}

/** Our full 隐私保护指引 page (the same text is filed as the platform's guideline). */
function openPolicy() {
  void Taro.navigateTo({ url: ROUTES.privacyPolicy });
}

/** 隐私保护指引: shown on first use, before any personal data is collected. */
export function PrivacyDialog({ visible, onAgree, onDisagree }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await onAgree();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      visible={visible}
      title="隐私保护指引"
      footer={
        <View className="rp-privacy__footer">
          <Button className="rp-privacy__btn" size="large" disabled={busy} onClick={onDisagree}>
            暂不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="rp-privacy__btn"
            type="primary"
            size="large"
            loading={busy}
            openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
            onClick={agree}
          >
            同意并继续
          </Button>
        </View>
      }
    >
      <View className="rp-privacy__body">
        <Text className="rp-privacy__lead">
          欢迎使用红色园区。在您填写个人信息前，请阅读并同意
          <Text className="rp-privacy__link" onClick={openPolicy}>
            《隐私保护指引》
          </Text>
          ：
        </Text>
        {PRIVACY_POINTS.map((p) => (
          <View key={p} className="rp-privacy__point">
            <Text>· {p}</Text>
          </View>
        ))}
        {error ? <Text className="rp-error-text rp-privacy__error">{error}</Text> : null}
      </View>
    </Modal>
  );
}
